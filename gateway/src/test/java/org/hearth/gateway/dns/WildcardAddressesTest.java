package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which concrete addresses a wildcard listen entry gets a UDP socket on, from a scan of the interfaces. */
class WildcardAddressesTest {

    private static final InetSocketAddress ANY4 = new InetSocketAddress(ip("0.0.0.0"), 53);
    private static final InetSocketAddress ANY6 = new InetSocketAddress(ip("::"), 53);

    private static final LocalInterface LO = new LocalInterface("lo", 1, true,
            List.of(ip("127.0.0.1"), ip("::1")));
    private static final LocalInterface ETH0 = new LocalInterface("eth0", 2, true,
            List.of(ip("192.168.1.2"), ip("192.168.1.53"), ip("fd00::1"), ip("2001:db8::1"), ip("fe80::1")));

    @Test
    void anIpv4WildcardGetsTheIpv4AddressesOfEveryInterfaceThatIsUp() {
        assertThat(written(WildcardAddresses.under(ANY4, List.of(LO, ETH0))))
                .containsExactly("127.0.0.1:53", "192.168.1.2:53", "192.168.1.53:53");
    }

    @Test
    void aDualStackWildcardGetsIpv4AndIpv6Addresses() {
        assertThat(written(WildcardAddresses.under(ANY6, List.of(LO, ETH0)))).containsExactly(
                "127.0.0.1:53", "[0:0:0:0:0:0:0:1]:53", "192.168.1.2:53", "192.168.1.53:53",
                "[fd00:0:0:0:0:0:0:1]:53", "[2001:db8:0:0:0:0:0:1]:53", "[fe80:0:0:0:0:0:0:1%2]:53");
    }

    @Test
    void theBoundPortIsKept() {
        assertThat(WildcardAddresses.under(new InetSocketAddress(ip("::"), 40123), List.of(LO)))
                .allSatisfy(address -> assertThat(address.getPort()).isEqualTo(40123));
    }

    @Test
    void aLinkLocalAddressIsScopedToItsInterfaceAndOtherIpv6AddressesAreNot() {
        List<InetSocketAddress> chosen = WildcardAddresses.under(ANY6, List.of(ETH0));
        Inet6Address linkLocal = (Inet6Address) chosen.stream()
                .filter(a -> a.getAddress().isLinkLocalAddress()).findFirst().orElseThrow().getAddress();
        assertThat(linkLocal.getScopeId()).isEqualTo(2);
        InetAddress scopedUla = scoped("fd00::1", 2);
        List<InetSocketAddress> fromScoped = WildcardAddresses.under(ANY6,
                List.of(new LocalInterface("eth0", 2, true, List.of(scopedUla))));
        assertThat(((Inet6Address) fromScoped.get(0).getAddress()).getScopeId()).isZero();
    }

    @Test
    void aLinkLocalAddressThatHasAScopeKeepsIt() {
        InetAddress scoped = scoped("fe80::1", 7);
        assertThat(written(WildcardAddresses.under(ANY6,
                List.of(new LocalInterface("br0", 3, true, List.of(scoped))))))
                .containsExactly("[fe80:0:0:0:0:0:0:1%7]:53");
    }

    @Test
    void anAddressOnTwoInterfacesIsBoundOnceButTheSameLinkLocalOnTwoLinksTwice() {
        LocalInterface wlan0 = new LocalInterface("wlan0", 3, true,
                List.of(ip("192.168.1.53"), ip("fd00::1"), ip("fe80::1")));
        assertThat(written(WildcardAddresses.under(ANY6, List.of(ETH0, wlan0)))).containsExactly(
                "192.168.1.2:53", "192.168.1.53:53", "[fd00:0:0:0:0:0:0:1]:53", "[2001:db8:0:0:0:0:0:1]:53",
                "[fe80:0:0:0:0:0:0:1%2]:53", "[fe80:0:0:0:0:0:0:1%3]:53");
    }

    @Test
    void anAddressListedTwiceOnOneInterfaceIsBoundOnce() {
        LocalInterface twice = new LocalInterface("eth0", 2, true, List.of(ip("10.0.0.1"), ip("10.0.0.1")));
        assertThat(written(WildcardAddresses.under(ANY4, List.of(twice)))).containsExactly("10.0.0.1:53");
    }

    @Test
    void anInterfaceThatIsDownIsLeftOut() {
        LocalInterface down = new LocalInterface("eth1", 4, false, List.of(ip("10.9.9.9"), ip("fd00::9")));
        assertThat(written(WildcardAddresses.under(ANY6, List.of(LO, down))))
                .containsExactly("127.0.0.1:53", "[0:0:0:0:0:0:0:1]:53");
    }

    @Test
    void noInterfacesMeansNoAddresses() {
        assertThat(WildcardAddresses.under(ANY6, List.of())).isEmpty();
    }

    @Test
    void aSpecificListenAddressIsNotAWildcard() {
        assertThatThrownBy(() -> WildcardAddresses.under(new InetSocketAddress(ip("127.0.0.1"), 53), List.of(LO)))
                .hasMessageContaining("127.0.0.1:53").hasMessageContaining("not a wildcard");
    }

    private static List<String> written(List<InetSocketAddress> addresses) {
        return addresses.stream().map(ListenAddress::format).toList();
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: never a lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** An IPv6 address with a numeric scope, as the JDK's interface scan gives every IPv6 address. */
    private static InetAddress scoped(String literal, int scope) {
        try {
            return Inet6Address.getByAddress(null, ip(literal).getAddress(), scope);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
