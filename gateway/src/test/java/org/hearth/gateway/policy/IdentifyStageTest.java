package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.gateway.config.IdentityConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.Edns;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.testsupport.MovableClock;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class IdentifyStageTest {

    private final NeighbourTable.Builder table = new NeighbourTable.Builder();
    private final DeviceRegistry registry = new DeviceRegistry(100);
    private final Clock clock = StageFixtures.clockAt(StageFixtures.NOON);

    private IdentifyStage stage(String... trusted) {
        PolicyCompiler compiler = new PolicyCompiler(c -> new IdentityConfig(java.util.List.of(trusted), null, null,
                null, null, null));
        PolicySnapshot snapshot = compiler.compile(Fixtures.config(Fixtures.FAMILY)).snapshot();
        NeighbourTable built = table.build();
        return new IdentifyStage(new PolicySnapshots(snapshot), new DeviceIdentifier(() -> built, registry, clock));
    }

    private static ClientIdentity who(IdentifyStage stage, QueryContext q) {
        AtomicReference<ClientIdentity> seen = new AtomicReference<>();
        stage.handle(q, query -> {
            seen.set(query.identity());
            return CompletableFuture.completedFuture(new Answer(new byte[12], Answer.Source.UPSTREAM));
        }).toCompletableFuture().join();
        return seen.get();
    }

    @Test
    void devicesAreMatchedByAddressAndCidrAndTheRestGetTheDefaultProfile() {
        IdentifyStage stage = stage();
        assertThat(who(stage, Fixtures.query("127.0.0.2", "a.example", Type.A)))
                .isEqualTo(new ClientIdentity("Kid tablet", "Kid tablet", "kids"));
        assertThat(who(stage, Fixtures.query("127.0.0.3", "a.example", Type.A)).profileName()).isEqualTo("parents");
        assertThat(who(stage, Fixtures.query("10.1.2.77", "a.example", Type.A)).deviceName()).isEqualTo("Lab");
        ClientIdentity stranger = who(stage, Fixtures.query("127.0.0.9", "a.example", Type.A));
        assertThat(stranger).isEqualTo(new ClientIdentity("ip:127.0.0.9", null, "kids"));
        assertThat(registry.all()).singleElement().satisfies(d -> {
            assertThat(d.ip()).isEqualTo("127.0.0.9");
            assertThat(d.firstSeen()).isEqualTo(StageFixtures.NOON);
        });
    }

    @Test
    void deviceAddedByMacKeepsItsIdentityWhenAskingOverIpv6() throws Exception {
        MacAddress tablet = MacAddress.parse("aa:bb:cc:dd:ee:01");
        table.neighbour(InetAddress.getByName("2001:db8::23"), tablet);
        IdentifyStage stage = stage();
        assertThat(who(stage, Fixtures.query("2001:db8::23", "a.example", Type.A)).deviceName()).isEqualTo("Kid tablet");
    }

    @Test
    void deviceAddedByIpv4KeepsItsIdentityOverIpv6ThroughItsMac() throws Exception {
        MacAddress laptop = MacAddress.parse("aa:bb:cc:dd:ee:09");
        table.neighbour(InetAddress.getByName("127.0.0.3"), laptop);
        table.neighbour(InetAddress.getByName("2001:db8::33"), laptop);
        IdentifyStage stage = stage();
        assertThat(who(stage, Fixtures.query("2001:db8::33", "a.example", Type.A)).deviceName())
                .isEqualTo("Parent laptop");
    }

    @Test
    void unknownDeviceIsRememberedByMacWithItsLeaseHostname() throws Exception {
        MacAddress phone = MacAddress.parse("aa:bb:cc:dd:ee:77");
        InetAddress addr = InetAddress.getByName("192.168.1.77");
        table.neighbour(addr, phone).hostname(phone, addr, "visitor-phone");
        ClientIdentity id = who(stage(), Fixtures.query("192.168.1.77", "a.example", Type.A));
        assertThat(id).isEqualTo(new ClientIdentity("mac:aa:bb:cc:dd:ee:77", "visitor-phone", "kids"));
        assertThat(registry.all().get(0).mac()).isEqualTo("aa:bb:cc:dd:ee:77");
    }

    @Test
    void ednsMacIsBelievedOnlyFromATrustedForwarder() {
        Edns binary = Fixtures.edns(new Edns.Option(ForwardedClient.MAC_OPTION,
                new byte[] {(byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, 0x01}));
        Edns text = Fixtures.edns(new Edns.Option(ForwardedClient.MAC_OPTION,
                "aa:bb:cc:dd:ee:01".getBytes(StandardCharsets.US_ASCII)));
        assertThat(who(stage("127.0.0.53"), Fixtures.query("127.0.0.53", "a.example", Type.A, binary)).deviceName())
                .isEqualTo("Kid tablet");
        assertThat(who(stage("127.0.0.0/24"), Fixtures.query("127.0.0.53", "a.example", Type.A, text)).deviceName())
                .isEqualTo("Kid tablet");
        assertThat(who(stage(), Fixtures.query("127.0.0.53", "a.example", Type.A, binary)).deviceId())
                .isEqualTo("ip:127.0.0.53");
    }

    @Test
    void clientSubnetFromTrustedForwarderIdentifiesOnlyWhenItNamesOneAddress() {
        Edns host = Fixtures.edns(new Edns.Option(ForwardedClient.ECS_OPTION, new byte[] {0, 1, 32, 0, 127, 0, 0, 3}));
        Edns net = Fixtures.edns(new Edns.Option(ForwardedClient.ECS_OPTION, new byte[] {0, 1, 24, 0, 127, 0, 0}));
        assertThat(who(stage("127.0.0.53"), Fixtures.query("127.0.0.53", "a.example", Type.A, host)).deviceName())
                .isEqualTo("Parent laptop");
        assertThat(who(stage("127.0.0.53"), Fixtures.query("127.0.0.53", "a.example", Type.A, net)).deviceId())
                .isEqualTo("ip:127.0.0.53");
        assertThat(who(stage(), Fixtures.query("127.0.0.53", "a.example", Type.A, host)).deviceId())
                .isEqualTo("ip:127.0.0.53");
    }

    @Test
    void theMostSpecificRuleWinsMacThenAddressThenNarrowestNetwork() throws Exception {
        PolicySnapshot snapshot = Fixtures.snapshot("""
                profiles: {kids: {preset: child}, teacher: {preset: adult}, lab: {preset: school-lab}}
                defaultProfile: kids
                devices:
                  - {name: Lab, match: ["10.1.0.0/16"], profile: lab}
                  - {name: Lab row 2, match: ["10.1.2.0/24"], profile: lab}
                  - {name: Teacher PC, match: ["10.1.2.5"], profile: teacher}
                  - {name: Teacher laptop, match: ["aa:bb:cc:dd:ee:55"], profile: teacher}
                """);
        table.neighbour(InetAddress.getByName("10.1.2.9"), MacAddress.parse("aa:bb:cc:dd:ee:55"));
        NeighbourTable built = table.build();
        IdentifyStage stage = new IdentifyStage(new PolicySnapshots(snapshot),
                new DeviceIdentifier(() -> built, registry, clock));
        assertThat(who(stage, Fixtures.query("10.1.9.9", "a.example", Type.A)).deviceName()).isEqualTo("Lab");
        assertThat(who(stage, Fixtures.query("10.1.2.7", "a.example", Type.A)).deviceName()).isEqualTo("Lab row 2");
        assertThat(who(stage, Fixtures.query("10.1.2.5", "a.example", Type.A)).deviceName()).isEqualTo("Teacher PC");
        assertThat(who(stage, Fixtures.query("10.1.2.9", "a.example", Type.A)).deviceName())
                .isEqualTo("Teacher laptop");
    }

    @Test
    void ipv4MappedClientAddressMatchesTheIpv4Rule() {
        assertThat(who(stage(), Fixtures.query("::ffff:127.0.0.2", "a.example", Type.A)).deviceName())
                .isEqualTo("Kid tablet");
    }

    @Test
    void aNewPolicyOrNeighbourTableIsSeenAtTheNextQueryAndUnknownDevicesStayFresh() throws Exception {
        MovableClock moving = new MovableClock(StageFixtures.NOON, StageFixtures.BOX);
        AtomicReference<NeighbourTable> neighbours = new AtomicReference<>(NeighbourTable.EMPTY);
        PolicySnapshots policy = new PolicySnapshots(Fixtures.snapshot(Fixtures.FAMILY));
        IdentifyStage stage = new IdentifyStage(policy, new DeviceIdentifier(neighbours::get, registry, moving));
        QueryContext q = Fixtures.query("127.0.0.9", "a.example", Type.A);
        assertThat(who(stage, q)).isEqualTo(new ClientIdentity("ip:127.0.0.9", null, "kids"));

        moving.advance(java.time.Duration.ofMinutes(5));
        assertThat(who(stage, q).deviceId()).isEqualTo("ip:127.0.0.9");
        assertThat(registry.all()).singleElement().satisfies(d -> assertThat(d.lastSeen())
                .as("the registry hears of every query of an unknown device").isEqualTo(moving.instant()));

        MacAddress mac = MacAddress.parse("aa:bb:cc:dd:ee:42");
        InetAddress address = InetAddress.getByName("127.0.0.9");
        neighbours.set(new NeighbourTable.Builder().neighbour(address, mac).hostname(mac, address, "den-pc").build());
        assertThat(who(stage, q)).isEqualTo(new ClientIdentity("mac:aa:bb:cc:dd:ee:42", "den-pc", "kids"));

        policy.publish(Fixtures.snapshot(Fixtures.FAMILY.replace("\"127.0.0.3\"", "\"127.0.0.9\"")));
        assertThat(who(stage, q)).isEqualTo(new ClientIdentity("Parent laptop", "Parent laptop", "parents"));
    }
}
