package org.hearth.gateway.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concrete local addresses a bound wildcard stands for: those of the interfaces that are up,
 * of the families the wildcard receives. No sockets, no system calls: the scan is handed in.
 */
final class WildcardAddresses {

    private WildcardAddresses() {}

    /**
     * @param wildcard the wildcard as bound, port included. An IPv6 wildcard ({@code [::]}) is one
     *     dual-stack socket and stands for IPv4 and IPv6 addresses; an IPv4 one ({@code 0.0.0.0})
     *     for IPv4 only. Pass the address the socket reports, not the one configured: Netty's epoll
     *     transport binds {@code 0.0.0.0} as a dual-stack {@code [::]}.
     * @return one entry per address, in interface order, each once; IPv6 link-local addresses carry
     *     their interface's scope id, without which they cannot be bound
     */
    static List<InetSocketAddress> under(InetSocketAddress wildcard, Collection<LocalInterface> interfaces) {
        if (!wildcard.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException(ListenAddress.format(wildcard) + " is not a wildcard address");
        }
        boolean ipv6 = wildcard.getAddress() instanceof Inet6Address;
        // Keyed by the written address, scope included: Inet6Address.equals ignores the scope, and
        // fe80::1 on two links is two addresses to bind, where a ULA on two interfaces is one.
        Map<String, InetSocketAddress> chosen = new LinkedHashMap<>();
        for (LocalInterface nic : interfaces) {
            if (!nic.up()) {
                continue;
            }
            for (InetAddress address : nic.addresses()) {
                InetAddress bindable = bindable(address, nic, ipv6);
                if (bindable != null) {
                    chosen.putIfAbsent(bindable.getHostAddress(), new InetSocketAddress(bindable, wildcard.getPort()));
                }
            }
        }
        return new ArrayList<>(chosen.values());
    }

    /** The address as it is bound, or null when the wildcard does not receive its family. */
    private static InetAddress bindable(InetAddress address, LocalInterface nic, boolean ipv6Wildcard) {
        if (address instanceof Inet4Address) {
            return address; // an IPv6 wildcard is dual-stack: Netty and the JDK turn IPV6_V6ONLY off
        }
        if (!ipv6Wildcard || !(address instanceof Inet6Address v6)) {
            return null;
        }
        try {
            if (v6.isLinkLocalAddress()) {
                // The JDK's scan gives the scope already; a hand-built list may not.
                return v6.getScopeId() != 0 || v6.getScopedInterface() != null ? v6
                        : Inet6Address.getByAddress(null, v6.getAddress(), nic.index());
            }
            // Only link-local addresses need a scope; one left on a global address would write it
            // as fd00::1%eth0 and bind the same ULA once per interface that has it.
            return InetAddress.getByAddress(v6.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }
}
