package org.hearth.gateway.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.DnsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP and TCP sockets on every {@code dns.listen} address, and the connections accepted on
 * them. Owns binding and closing; what happens to a packet is {@link QueryDispatcher}'s business.
 */
public final class DnsListeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsListeners.class);
    /** Port 0 gives UDP a free port that TCP may find taken; a few fresh draws settle it. */
    private static final int PORT_ZERO_ATTEMPTS = 10;
    /**
     * Asked of the kernel for each UDP socket. Its default (about 208 KiB) holds some 250 small
     * queries on loopback and fewer off a NIC, so a burst (a lab of PCs waking at once) was dropped
     * in the kernel before the event loop read it, and each client retried only seconds later.
     * The kernel caps it at net.core.rmem_max, which bind() logs.
     */
    static final int UDP_RECEIVE_BUFFER = 4 << 20;
    /**
     * The longest UDP query read whole. Queries are tens of bytes; 4096 is the largest EDNS size
     * clients offer. A longer datagram is cut to this size by the read, so one that fills it is
     * answered FORMERR ({@link QueryDecoder}); dnsmasq drops them. Over TCP any size is read.
     */
    static final int MAX_UDP_QUERY = 4096;
    /**
     * Datagrams one read takes: with epoll, one recvmmsg fills this many slots of
     * {@link #MAX_UDP_QUERY} bytes, one system call where a recvmsg each took sixteen. A round's
     * answers then leave with one sendmmsg ({@link UdpQueryHandler}).
     */
    private static final int DATAGRAMS_PER_READ = 16;

    private final List<Channel> udp = new ArrayList<>();
    private final List<Channel> tcp = new ArrayList<>();
    private final ChannelGroup connections = new DefaultChannelGroup("dns-tcp", GlobalEventExecutor.INSTANCE);
    private final List<InetSocketAddress> bound = new ArrayList<>();
    /** One per wildcard entry: UDP on each of its concrete addresses (why: {@link AddressUdpSockets}). */
    private final List<AddressUdpSockets> perAddress = new ArrayList<>();
    private InterfaceRescan rescan;
    private volatile boolean accepting = true;

    private DnsListeners() {}

    /**
     * Binds UDP and TCP on each address and returns once all are bound.
     *
     * @throws IOException naming the address, the protocol and the reason, after closing whatever was bound
     */
    public static DnsListeners bind(DnsConfig config, NettyTransport transport, QueryDispatcher dispatcher)
            throws IOException {
        DnsListeners listeners = new DnsListeners();
        UdpQueryHandler udpHandler = new UdpQueryHandler(dispatcher);
        TcpConnectionLimit limit = new TcpConnectionLimit(config.maxTcpConnections(),
                config.maxTcpConnectionsPerClient(), dispatcher.counters());
        long idleMillis = config.tcpIdleTimeout().toMillis();
        Bootstrap udpBootstrap = new Bootstrap()
                .group(transport.group())
                .channel(transport.datagramChannel())
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER)
                .handler(udpHandler);
        if (transport.isEpoll()) {
            // One recvmmsg per read round: its slots are the round, so no second call only to
            // learn the socket is empty. Netty reads on (a task) while datagrams remain.
            udpBootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_UDP_QUERY)
                    .option(ChannelOption.RCVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(DATAGRAMS_PER_READ * MAX_UDP_QUERY).maxMessagesPerRead(1));
        } else {
            udpBootstrap.option(ChannelOption.RCVBUF_ALLOCATOR,
                    new FixedRecvByteBufAllocator(MAX_UDP_QUERY).maxMessagesPerRead(DATAGRAMS_PER_READ));
        }
        // Several sockets on one address, each registered on the next event loop: the kernel hashes
        // each client's packets to one of them, so one busy socket no longer caps a multi-core box
        // at one core. Only epoll exposes SO_REUSEPORT here; NIO keeps one socket.
        int udpSockets = transport.isEpoll() ? config.udpSocketCount() : 1;
        Bootstrap reuseBootstrap = udpSockets > 1
                ? udpBootstrap.clone().option(EpollChannelOption.SO_REUSEPORT, true) : null;
        // A specific address on a port a wildcard holds: the kernel allows it when both sockets
        // have SO_REUSEADDR (or both SO_REUSEPORT, hence the same option as the wildcard's group).
        Bootstrap addressBootstrap = (reuseBootstrap != null ? reuseBootstrap : udpBootstrap).clone()
                .option(ChannelOption.SO_REUSEADDR, true);
        // On a wildcard address (0.0.0.0, as a box with several LAN interfaces listens) each packet
        // carries the address it was sent to, which the box's own name and the block page answer
        // with; NIO cannot tell, and those fall back as documented. A socket bound to one address
        // (the per-address sockets under a wildcard, which take nearly all of its traffic, or an
        // address listed) already knows it: Netty then names the socket's own address as each
        // packet's recipient, with no ancillary data for the kernel to write and Netty to parse,
        // and no address object per packet.
        Bootstrap wildcardUdp = withOriginalDestination(udpBootstrap, transport);
        Bootstrap wildcardReuse = reuseBootstrap == null ? null : withOriginalDestination(reuseBootstrap, transport);
        ServerBootstrap tcpBootstrap = new ServerBootstrap()
                .group(transport.group())
                .channel(transport.serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        listeners.connections.add(ch);
                        ch.pipeline().addLast(
                                limit,
                                new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS),
                                new TcpFrameDecoder(config.tcpIdleTimeout(), dispatcher.counters()),
                                new TcpQueryHandler(dispatcher, config.maxTcpQueriesInFlight(), () -> listeners.accepting));
                    }
                });
        try {
            for (String entry : config.listen()) {
                InetSocketAddress wanted;
                try {
                    wanted = ListenAddress.parse(entry);
                } catch (IllegalArgumentException e) {
                    throw new IOException("cannot listen on " + entry + ": " + e.getMessage(), e);
                }
                int firstUdp = listeners.udp.size();
                boolean wildcard = wanted.getAddress().isAnyLocalAddress();
                Bootstrap reuse = wildcard ? wildcardReuse : reuseBootstrap;
                listeners.bindBoth(wanted, wildcard ? wildcardUdp : udpBootstrap, reuse, tcpBootstrap);
                InetSocketAddress actual = listeners.bound.get(listeners.bound.size() - 1);
                for (int extra = 1; extra < udpSockets; extra++) {
                    listeners.udp.add(bindOne(reuse.bind(actual), actual, "UDP, SO_REUSEPORT"));
                }
                if (wildcard) {
                    listeners.perAddress.add(new AddressUdpSockets(actual,
                            List.copyOf(listeners.udp.subList(firstUdp, listeners.udp.size())), addressBootstrap,
                            udpSockets));
                }
                Channel udpChannel = listeners.udp.get(listeners.udp.size() - 1);
                LOG.info("listening on {} (UDP and TCP, transport {}, {} UDP socket{}, UDP receive buffer {} KiB)",
                        ListenAddress.format(actual), transport.name(), udpSockets, udpSockets == 1 ? "" : "s",
                        udpChannel.config().getOption(ChannelOption.SO_RCVBUF) / 1024);
            }
            if (!listeners.perAddress.isEmpty()) {
                listeners.rescan = InterfaceRescan.start(listeners.perAddress, InterfaceRescan.interval());
            }
        } catch (IOException | RuntimeException e) {
            listeners.close();
            throw e;
        }
        return listeners;
    }

    private static Bootstrap withOriginalDestination(Bootstrap udp, NettyTransport transport) {
        return transport.isEpoll() ? udp.clone().option(EpollChannelOption.IP_RECVORIGDSTADDR, true) : udp;
    }

    /** @param reuseBootstrap UDP with SO_REUSEPORT when several sockets share the address, else null */
    private void bindBoth(InetSocketAddress wanted, Bootstrap udpBootstrap, Bootstrap reuseBootstrap,
            ServerBootstrap tcpBootstrap) throws IOException {
        int attempts = wanted.getPort() == 0 ? PORT_ZERO_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            Channel u = bindOne(udpBootstrap.bind(wanted), wanted, "UDP");
            if (reuseBootstrap != null) {
                // That first socket, without SO_REUSEPORT, was a probe: it fails, as with one socket,
                // when anything holds the address. Another Hearth's sockets carry SO_REUSEPORT too,
                // and a group of ours alone would join theirs and silently take half their clients.
                InetSocketAddress probed = (InetSocketAddress) u.localAddress();
                u.close().syncUninterruptibly();
                try {
                    u = bindOne(reuseBootstrap.bind(probed), probed, "UDP");
                } catch (IOException e) {
                    // Port 0: another socket took the free port between probe and group; draw again.
                    if (attempt >= attempts) {
                        throw e;
                    }
                    continue;
                }
            }
            InetSocketAddress actual = (InetSocketAddress) u.localAddress();
            try {
                Channel t = bindOne(tcpBootstrap.bind(actual), actual, "TCP");
                udp.add(u);
                tcp.add(t);
                bound.add(actual);
                return;
            } catch (IOException e) {
                u.close().syncUninterruptibly();
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    private static Channel bindOne(ChannelFuture future, InetSocketAddress address, String protocol)
            throws IOException {
        future.awaitUninterruptibly();
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            throw new IOException("cannot listen on " + ListenAddress.format(address) + " (" + protocol + "): "
                    + (cause == null ? "unknown reason" : cause.getMessage()), cause);
        }
        return future.channel();
    }

    /** The addresses actually bound, in config order (the real port when the config said 0). */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(bound);
    }

    /**
     * Stops taking new work: TCP listeners close, and no socket reads further queries, while answers
     * to queries already read can still be written.
     */
    public void stopAccepting() {
        accepting = false;
        stopRescan();
        perAddress.forEach(AddressUdpSockets::stopReading);
        for (Channel t : tcp) {
            t.close().syncUninterruptibly();
        }
        for (Channel u : udp) {
            u.config().setAutoRead(false);
        }
        for (Channel c : connections) {
            c.config().setAutoRead(false);
        }
    }

    /** What the kernel granted each UDP socket (Linux reports twice the bytes it will queue). */
    List<Integer> udpReceiveBuffers() {
        return udp.stream().map(u -> u.config().getOption(ChannelOption.SO_RCVBUF)).toList();
    }

    /** Open TCP connections (for tests and metrics). */
    public int openConnections() {
        return connections.size();
    }

    private void stopRescan() {
        if (rescan != null) {
            rescan.close();
        }
    }

    @Override
    public void close() {
        stopRescan();
        perAddress.forEach(AddressUdpSockets::close);
        for (Channel t : tcp) {
            t.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly();
        for (Channel u : udp) {
            u.close().syncUninterruptibly();
        }
    }
}
