package org.hearth.gateway.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP sockets on each concrete address under one wildcard listen entry, kept in step with the
 * interfaces by {@link #update}, so that every answer leaves from the address its question was sent to.
 *
 * <p>Why: a UDP socket bound to a wildcard sends from whatever source address the kernel picks for
 * the route back to the client, not from the address the client asked. Clients drop such answers
 * ("reply from unexpected source"): a router with a ULA and a global IPv6 address on one LAN, asked
 * on the ULA, answers from the global one; so does a secondary IPv4 address. dnsmasq and Unbound
 * send with IP_PKTINFO to choose the source; Netty cannot (netty/netty#13495), and its maintainers'
 * advice is a socket per address. Linux delivers a datagram to the most specific bound socket, so
 * these answer for their addresses and the wildcard stays the catch-all for local addresses no
 * interface lists (127.0.0.2, local since lo holds 127.0.0.1/8, unless added to lo itself). TCP
 * needs none of this: an accepted connection answers from the address it was opened to.
 *
 * <p>{@link #update} runs on the rescan thread and {@link #close} on the caller's; both hold this
 * object's lock, and neither ever runs on an event loop (binding waits for the loop).
 */
final class AddressUdpSockets implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AddressUdpSockets.class);

    private final InetSocketAddress wildcard;
    /** The wildcard's own sockets, which allow a specific bind on their port only during one. */
    private final List<Channel> wildcardSockets;
    private final Bootstrap bootstrap;
    private final int socketsPerAddress;
    /** Keyed by {@link ListenAddress#format}, which keeps an IPv6 scope that InetAddress.equals drops. */
    private final Map<String, List<Channel>> bound = new LinkedHashMap<>();
    /** Addresses whose bind failed and was logged: retried at each scan, logged again once it worked or went. */
    private final Set<String> failing = new HashSet<>();
    private boolean reading = true;
    private boolean closed;
    private boolean firstUpdate = true;

    /**
     * @param wildcard the wildcard as bound (real port, family as the socket has it)
     * @param wildcardSockets the wildcard's sockets
     * @param bootstrap binds one socket; it must set SO_REUSEADDR, or the kernel refuses a specific
     *     address on a port the wildcard holds
     * @param socketsPerAddress as on the wildcard; above one the bootstrap also sets SO_REUSEPORT
     */
    AddressUdpSockets(InetSocketAddress wildcard, List<Channel> wildcardSockets, Bootstrap bootstrap,
            int socketsPerAddress) {
        this.wildcard = wildcard;
        this.wildcardSockets = List.copyOf(wildcardSockets);
        this.bootstrap = bootstrap;
        this.socketsPerAddress = socketsPerAddress;
    }

    /**
     * Binds the addresses the scan shows and this does not hold yet, and closes those of addresses
     * gone. A bind that fails is logged once at WARN and tried again at the next update; the other
     * addresses and the wildcard serve on.
     */
    synchronized void update(List<LocalInterface> interfaces) {
        if (closed || !reading) {
            return;
        }
        List<InetSocketAddress> wanted = WildcardAddresses.under(wildcard, interfaces);
        Set<String> keys = new HashSet<>();
        List<String> added = new ArrayList<>();
        for (InetSocketAddress address : wanted) {
            String key = ListenAddress.format(address);
            keys.add(key);
            if (!bound.containsKey(key) && bind(key, address)) {
                added.add(key);
            }
        }
        List<String> gone = new ArrayList<>();
        for (var it = bound.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!keys.contains(entry.getKey())) {
                entry.getValue().forEach(c -> c.close().syncUninterruptibly());
                gone.add(entry.getKey());
                it.remove();
            }
        }
        // An address that went while failing may come back failing: that is news again.
        failing.retainAll(keys);
        if (firstUpdate) {
            firstUpdate = false;
            LOG.info("UDP on {} also listens on each of its addresses, so answers leave from the address asked: {}",
                    ListenAddress.format(wildcard), bound.isEmpty() ? "none found" : String.join(", ", bound.keySet()));
            return;
        }
        if (!added.isEmpty()) {
            LOG.info("UDP on {}: now also on {}", ListenAddress.format(wildcard), String.join(", ", added));
        }
        if (!gone.isEmpty()) {
            LOG.info("UDP on {}: address gone, no longer on {}", ListenAddress.format(wildcard),
                    String.join(", ", gone));
        }
    }

    /**
     * Binds every socket of one address, or none; true when bound. SO_REUSEADDR is on only for the
     * bind: Linux lets a socket bind a specific address on a port a wildcard holds when both have
     * it, and checks no owner, so left on it would let any program take one of the box's addresses
     * from Hearth (the newer socket gets the datagrams) with no error.
     */
    private boolean bind(String key, InetSocketAddress address) {
        reuseAddress(wildcardSockets, true);
        try {
            return bindAll(key, address);
        } finally {
            reuseAddress(wildcardSockets, false);
            List<Channel> sockets = bound.get(key);
            if (sockets != null) {
                reuseAddress(sockets, false);
            }
        }
    }

    private static void reuseAddress(List<Channel> sockets, boolean on) {
        for (Channel socket : sockets) {
            if (socket.isOpen()) {
                socket.config().setOption(ChannelOption.SO_REUSEADDR, on);
            }
        }
    }

    private boolean bindAll(String key, InetSocketAddress address) {
        List<Channel> sockets = new ArrayList<>();
        for (int i = 0; i < socketsPerAddress; i++) {
            ChannelFuture future = bootstrap.bind(address).awaitUninterruptibly();
            if (!future.isSuccess()) {
                sockets.forEach(c -> c.close().syncUninterruptibly());
                if (failing.add(key)) {
                    Throwable cause = future.cause();
                    LOG.warn("cannot listen on {} (UDP), an address of {}: {}; until a later scan binds it, its"
                                    + " answers may leave from another address", key, ListenAddress.format(wildcard),
                            cause == null ? "unknown reason" : cause.getMessage());
                }
                return false;
            }
            sockets.add(future.channel());
        }
        bound.put(key, sockets);
        failing.remove(key);
        return true;
    }

    /** Stops reading queries, as the wildcard's sockets do; answers already due still go out. */
    synchronized void stopReading() {
        reading = false;
        bound.values().forEach(sockets -> sockets.forEach(c -> c.config().setAutoRead(false)));
    }

    @Override
    public synchronized void close() {
        closed = true;
        bound.values().forEach(sockets -> sockets.forEach(c -> c.close().syncUninterruptibly()));
        bound.clear();
    }
}
