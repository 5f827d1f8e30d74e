package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighbourFilesTest {

    static final String PROC_ARP = """
            IP address       HW type     Flags       HW address            Mask     Device
            192.168.1.23     0x1         0x2         aa:bb:cc:dd:ee:01     *        br-lan
            192.168.1.24     0x1         0x0         00:00:00:00:00:00     *        br-lan
            192.168.1.30     0x1         0x2         AA:BB:CC:DD:EE:02     *        br-lan
            """;
    static final String IP_NEIGH = """
            fe80::a8bb:ccff:fedd:ee01 dev br-lan lladdr aa:bb:cc:dd:ee:01 STALE
            2001:db8::23 dev br-lan lladdr aa:bb:cc:dd:ee:01 REACHABLE
            fe80::1 dev wan lladdr 00:11:22:33:44:55 router REACHABLE
            2001:db8::99 dev br-lan  FAILED
            """;
    static final String LEASES = """
            1764345600 aa:bb:cc:dd:ee:01 192.168.1.23 kid-tablet 01:aa:bb:cc:dd:ee:01
            1764345600 aa:bb:cc:dd:ee:03 192.168.1.40 * *
            duid 00:01:00:01:2c:3d:4e:5f:aa:bb:cc:dd:ee:01
            1764345600 12345678 2001:db8::23 kid-tablet 00:01:00:01:2c:3d:4e:5f:aa:bb:cc:dd:ee:01
            garbage line
            """;

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void kernelTablesAndLeasesJoinOnMac(@TempDir Path dir) throws Exception {
        Path arp = Files.writeString(dir.resolve("arp"), PROC_ARP);
        Path neigh = Files.writeString(dir.resolve("neigh"), IP_NEIGH);
        Path leases = Files.writeString(dir.resolve("dnsmasq.leases"), LEASES);
        NeighbourTable t = new NeighbourWatcher(arp, neigh, leases).refresh();

        MacAddress tablet = MacAddress.parse("aa:bb:cc:dd:ee:01");
        assertThat(t.mac(ip("192.168.1.23"))).isEqualTo(tablet);
        assertThat(t.mac(ip("2001:db8::23"))).isEqualTo(tablet);
        assertThat(t.mac(ip("192.168.1.24"))).as("incomplete entry").isNull();
        assertThat(t.mac(ip("2001:db8::99"))).as("failed entry").isNull();
        assertThat(t.mac(ip("192.168.1.30"))).isEqualTo(MacAddress.parse("aa:bb:cc:dd:ee:02"));
        assertThat(t.addresses(tablet)).containsExactlyInAnyOrder(ip("192.168.1.23"),
                ip("fe80::a8bb:ccff:fedd:ee01"), ip("2001:db8::23"));
        assertThat(t.hostname(tablet, ip("192.168.1.23"))).isEqualTo("kid-tablet");
        assertThat(t.hostname(null, ip("2001:db8::23"))).isEqualTo("kid-tablet");
        assertThat(t.hostname(MacAddress.parse("aa:bb:cc:dd:ee:03"), ip("192.168.1.40"))).isNull();
    }

    @Test
    void missingSourceIsSkippedAndTheOthersStillCount(@TempDir Path dir) throws Exception {
        Path arp = Files.writeString(dir.resolve("arp"), PROC_ARP);
        NeighbourTable t = new NeighbourWatcher(arp, dir.resolve("no-such-file"), dir.resolve("no-leases")).refresh();
        assertThat(t.mac(ip("192.168.1.23"))).isNotNull();
    }

    @Test
    void macAddressesParseInEveryCommonSpelling() {
        MacAddress m = MacAddress.parse("aa:bb:cc:dd:ee:ff");
        assertThat(MacAddress.parse("AA-BB-CC-DD-EE-FF")).isEqualTo(m);
        assertThat(MacAddress.parse("aabb.ccdd.eeff")).isEqualTo(m);
        assertThat(m.toString()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(MacAddress.of(new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55}).toString()).isEqualTo("00:11:22:33:44:55");
    }
}
