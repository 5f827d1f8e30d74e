package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.IdentityConfig;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.ClientIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

class PolicyRuntimeTest {

    @TempDir
    Path dir;

    private LoadedConfig write(String yaml) throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    private static ClientIdentity identify(PolicyRuntime runtime, String client) {
        AtomicReference<ClientIdentity> seen = new AtomicReference<>();
        runtime.identifyStage().handle(Fixtures.query(client, "a.example", Type.A), q -> {
            seen.set(q.identity());
            return CompletableFuture.completedFuture(new Answer(new byte[12], Answer.Source.UPSTREAM));
        }).toCompletableFuture().join();
        return seen.get();
    }

    @Test
    void readsTheTablesBeforeTheFirstQueryAndSavesSeenDevicesOnClose() throws Exception {
        Files.writeString(dir.resolve("arp"), NeighbourFilesTest.PROC_ARP);
        Files.writeString(dir.resolve("neigh"), NeighbourFilesTest.IP_NEIGH);
        Files.writeString(dir.resolve("leases"), NeighbourFilesTest.LEASES);
        LoadedConfig config = write(Fixtures.FAMILY);
        IdentityConfig identity = new IdentityConfig(null, "leases", "arp", "neigh", null, "seen.json");
        try (PolicyRuntime runtime = PolicyRuntime.start(config, identity, StageFixtures.index(),
                StageFixtures.clockAt(StageFixtures.NOON), BlockListener.NONE)) {
            assertThat(identify(runtime, "2001:db8::23").deviceName()).as("by MAC over IPv6").isEqualTo("Kid tablet");
            assertThat(identify(runtime, "192.168.1.30").deviceId()).isEqualTo("mac:aa:bb:cc:dd:ee:02");
        }
        assertThat(dir.resolve("seen.json")).content().contains("mac:aa:bb:cc:dd:ee:02");
    }

    @Test
    void policyThatDoesNotCompileStopsStartWithEveryProblem() throws Exception {
        LoadedConfig config = write("profiles: {kids: {block: [gamblin]}}\ndefaultProfile: kid\n");
        assertThatThrownBy(() -> PolicyRuntime.start(config, IdentityConfig.DEFAULTS, StageFixtures.index(),
                StageFixtures.clockAt(StageFixtures.NOON), BlockListener.NONE))
                .hasMessageContaining("profiles.kids.block[0]: \"gamblin\" is not a category")
                .hasMessageContaining("defaultProfile: \"kid\" is not a profile");
    }

    @Test
    void applyKeepsTheRunningPolicyWhenTheNewOneHasProblems() throws Exception {
        LoadedConfig config = write(Fixtures.FAMILY);
        try (PolicyRuntime runtime = PolicyRuntime.start(config, new IdentityConfig(null, null, "", "", null, ""),
                StageFixtures.index(), StageFixtures.clockAt(StageFixtures.NOON), BlockListener.NONE)) {
            PolicySnapshot before = runtime.snapshots().current();
            assertThat(runtime.apply(write(Fixtures.FAMILY.replace("preset: child", "preset: chld")))).isNotEmpty();
            assertThat(runtime.snapshots().current()).isSameAs(before);
            assertThat(runtime.apply(write(Fixtures.FAMILY.replace("block: [adult, gambling,", "block: [adult, gamblin,"))))
                    .extracting(Problem::toString)
                    .containsExactly("profiles.kids.block[1]: \"gamblin\" is not a category");
            assertThat(runtime.snapshots().current()).isSameAs(before);
            assertThat(runtime.apply(write(Fixtures.FAMILY.replace("deny: [example.net]", "deny: [example.net, tiktok.com]"))))
                    .isEmpty();
            assertThat(runtime.snapshots().current()).isNotSameAs(before);
            assertThat(runtime.snapshots().current().profiles().get("kids").deny().rules()).contains("tiktok.com");
        }
    }
}
