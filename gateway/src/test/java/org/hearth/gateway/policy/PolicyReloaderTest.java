package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {

    @TempDir
    Path dir;

    private PolicySnapshots start(Path file) throws Exception {
        Files.writeString(file, Fixtures.FAMILY);
        return new PolicySnapshots(Fixtures.snapshot(Fixtures.FAMILY));
    }

    @Test
    void editOnDiskReplacesThePolicy() throws Exception {
        Path file = dir.resolve("hearth.yml");
        PolicySnapshots snapshots = start(file);
        PolicyReloader reloader = new PolicyReloader(file, new PolicyCompiler(), snapshots);
        PolicySnapshot before = snapshots.current();

        Files.writeString(file, Fixtures.FAMILY.replace("deny: [example.net]", "deny: [example.net, tiktok.com]"));
        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(snapshots.current()).isNotSameAs(before);
        assertThat(snapshots.current().profiles().get("kids").deny().rules()).contains("tiktok.com");
        assertThat(reloader.reloadIfChanged()).as("nothing changed since").isFalse();
    }

    @Test
    void invalidEditIsRejectedWithTheKeyAndTheRunningPolicyStays() throws Exception {
        Path file = dir.resolve("hearth.yml");
        PolicySnapshots snapshots = start(file);
        PolicyReloader reloader = new PolicyReloader(file, new PolicyCompiler(), snapshots);
        PolicySnapshot before = snapshots.current();

        Files.writeString(file, Fixtures.FAMILY.replace("block: [adult, gambling,", "block: [adult, gamblin,"));
        List<Problem> problems = reloader.reload();
        assertThat(problems).extracting(Problem::toString)
                .containsExactly("profiles.kids.block[1]: \"gamblin\" is not a category");
        assertThat(snapshots.current()).isSameAs(before);
    }

    @Test
    void unparsableEditIsRejectedWithTheLoadersMessage() throws Exception {
        Path file = dir.resolve("hearth.yml");
        PolicySnapshots snapshots = start(file);
        PolicySnapshot before = snapshots.current();
        Files.writeString(file, Fixtures.FAMILY + "\nprofilez: {}\n");
        List<Problem> problems = new PolicyReloader(file, new PolicyCompiler(), snapshots).reload();
        assertThat(problems).singleElement().asString().startsWith("hearth.yml:").contains("profilez");
        assertThat(snapshots.current()).isSameAs(before);
    }
}
