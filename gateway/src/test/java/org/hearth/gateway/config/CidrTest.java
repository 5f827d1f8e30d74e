package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one network type: dns.allow, device matches and trusted forwarders all use it. */
class CidrTest {

    @Test
    void cidrsParseAndMatch() throws Exception {
        Cidr lan = Cidr.parse("192.168.0.0/16");
        assertThat(lan.contains(InetAddress.getByName("192.168.4.5"))).isTrue();
        assertThat(lan.contains(InetAddress.getByName("192.169.0.1"))).isFalse();
        assertThat(lan.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("fc00::/7").contains(InetAddress.getByName("fd12::1"))).isTrue();
        assertThat(Cidr.parse("10.1.2.3").prefixLength()).isEqualTo(32);
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("198.51.100.8"))).isTrue();
    }

    @Test
    void cidrBoundariesAreExact() throws Exception {
        Cidr net = Cidr.parse("172.16.0.0/12");
        assertThat(net.contains(InetAddress.getByName("172.15.255.255"))).isFalse();
        assertThat(net.contains(InetAddress.getByName("172.16.0.0"))).isTrue();
        assertThat(net.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(net.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(InetAddress.getByName("10.0.0.1"))).isFalse();
        assertThat(Cidr.parse("fc00::/7").contains(InetAddress.getByName("fdff::1"))).isTrue();
        assertThat(Cidr.parse("fc00::/7").contains(InetAddress.getByName("fe00::1"))).isFalse();
    }

    @Test
    void theNetworkIsStoredMaskedSoEqualNetworksAreEqual() {
        assertThat(Cidr.parse("10.1.2.3/8")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.1.2.3/8")).hasSameHashCodeAs(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.parse("FD00:0:0:0:0:0:0:1/64")).hasToString("fd00::/64");
        assertThat(Cidr.parse(" 192.168.1.5 ")).hasToString("192.168.1.5/32");
        assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9"));
    }

    @Test
    void hostBitsOrderNetworksFromNarrowToWide() {
        assertThat(Cidr.parse("10.1.2.3").hostBits()).isZero();
        assertThat(Cidr.parse("::1").hostBits()).isZero();
        assertThat(Cidr.parse("10.1.2.0/24").hostBits()).isEqualTo(8);
        assertThat(Cidr.parse("fd00::/64").hostBits()).isEqualTo(64);
    }

    @Test
    void anIpv4MappedClientIsJudgedAsItsIpv4Address() throws Exception {
        // What a dual-stack socket reports for an IPv4 client; the JDK keeps it IPv6 when given a scope.
        InetAddress mapped = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, (byte) 168, 1, 9}, -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(Cidr.parse("192.168.0.0/16").contains(mapped)).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(mapped)).isFalse();
        assertThat(Cidr.parse("fc00::/7").contains(mapped)).isFalse();
    }

    @Test
    void aMappedNetworkInTheConfigCountsItsPrefixInIpv6Bits() throws Exception {
        assertThat(Cidr.parse("::ffff:10.0.0.0/104")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("::ffff:10.1.2.3")).isEqualTo(Cidr.parse("10.1.2.3/32"));
        assertThatThrownBy(() -> Cidr.parse("::ffff:10.0.0.0/8"))
                .hasMessage("\"::ffff:10.0.0.0/8\" is not a CIDR (prefix length 96-128 for an IPv4-mapped IPv6 address)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::/129|\"::/129\" is not a CIDR (prefix length 0-128 for IPv6)",
        "10.0.0.0/33|\"10.0.0.0/33\" is not a CIDR (prefix length 0-32 for IPv4)",
        "10.0.0.0/|\"10.0.0.0/\" is not a CIDR (prefix length 0-32 for IPv4)",
        "10.0.0.0/x|\"10.0.0.0/x\" is not a CIDR (prefix length 0-32 for IPv4)",
        "10.0.0.0/-1|\"10.0.0.0/-1\" is not a CIDR (prefix length 0-32 for IPv4)",
        "lan/24|\"lan/24\" is not a CIDR (\"lan\" is not an IP address; write e.g. 192.168.1.0/24 or fd00::/8)",
        "router.lan|\"router.lan\" is not a CIDR (\"router.lan\" is not an IP address; write e.g. 192.168.1.0/24 or fd00::/8)",
        "192.168.1.300|\"192.168.1.300\" is not a CIDR (\"192.168.1.300\" is not an IP address; write e.g. 192.168.1.0/24 or fd00::/8)",
        "fe80::1%eth0/64|\"fe80::1%eth0/64\" is not a CIDR (\"fe80::1%eth0\" is not an IP address; write e.g. 192.168.1.0/24 or fd00::/8)",
        "[::1]/128|\"[::1]/128\" is not a CIDR (\"[::1]\" is not an IP address; write e.g. 192.168.1.0/24 or fd00::/8)"})
    void badNetworksSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void emptyAndNullAreRefusedWithAMessage() {
        assertThatThrownBy(() -> Cidr.parse("")).hasMessageStartingWith("\"\" is not a CIDR");
        assertThatThrownBy(() -> Cidr.parse(null)).hasMessageStartingWith("\"null\" is not a CIDR");
    }

    @Property
    void cidrContainsExactlyTheAddressesSharingItsPrefix(@ForAll("octets") int[] a, @ForAll("octets") int[] b,
            @ForAll("prefix") int prefix) throws Exception {
        Cidr cidr = Cidr.parse(a[0] + "." + a[1] + "." + a[2] + "." + a[3] + "/" + prefix);
        InetAddress other = InetAddress.getByAddress(new byte[] {(byte) b[0], (byte) b[1], (byte) b[2], (byte) b[3]});
        long av = ((long) a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
        long bv = ((long) b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        assertThat(cidr.contains(other)).isEqualTo((av & mask) == (bv & mask));
    }

    @Provide
    Arbitrary<int[]> octets() {
        Arbitrary<Integer> o = Arbitraries.integers().between(0, 255);
        return Combinators.combine(o, o, o, o).as((w, x, y, z) -> new int[] {w, x, y, z});
    }

    @Provide
    Arbitrary<Integer> prefix() {
        return Arbitraries.integers().between(0, 32);
    }
}
