package org.hearth.gateway.dns.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.dns.NettyTransport;

/**
 * Sends one query to one upstream and completes with its checked reply: over UDP first and, when
 * the reply has TC set, again over TCP to the same server (RFC 7766, 2-byte length framing).
 *
 * <p>UDP queries go out from sockets connected to their server, on source ports the kernel picks
 * at random (Linux randomises ephemeral ports); a socket carries a few queries at most and only for
 * a moment ({@link UdpSockets} says why that is as safe as one socket each, what it saves, and what
 * connecting adds).
 */
public final class UpstreamClient {

    /** Largest DNS message over TCP: the 2-byte length prefix bounds it. */
    private static final int MAX_TCP_MESSAGE = 65535;
    /**
     * The receive buffer of an upstream socket: far above the 1232 bytes we advertise, and the
     * largest size Netty's allocator pools. A datagram that fills it may have been cut and is asked
     * again over TCP ({@link UdpSocket}). With room for the largest datagram (64 KiB), every reply
     * took a new zeroed direct buffer and a Cleaner when the heap is under 512 MiB (Netty's
     * low-memory mode, so the Pi package's): 2 to 3 % of a forwarded question's CPU in memset, and
     * a Cleaner with its wrappers on the heap for every young collection to process (gateway/PERF.md).
     */
    static final int RECEIVE_BUFFER = 16384;

    private final NettyTransport transport;
    private final UpstreamCounters counters = new UpstreamCounters();
    /** Prototypes: each query clones one onto its event loop instead of building a bootstrap anew. */
    private final Bootstrap udp;
    private final Bootstrap tcp;
    /** Each event loop's UDP sockets, used only on that loop's thread. */
    private final Map<EventLoop, UdpSockets> sockets = new ConcurrentHashMap<>();

    public UpstreamClient(NettyTransport transport) {
        this.transport = transport;
        this.udp = new Bootstrap()
                .group(transport.group())
                .channel(transport.datagramChannel())
                // Room for any reply a server sends over UDP when it ignores our 1232-byte EDNS size
                // (often 4096), not cut to Netty's 2048-byte default and mistaken for garbage.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER));
        this.tcp = new Bootstrap()
                .group(transport.group())
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000); // the exchange timer ends it sooner
    }

    public UpstreamCounters counters() {
        return counters;
    }

    /**
     * Asks {@code server} {@code query} (wire format, one question, not modified afterwards); the
     * future completes with the reply, or fails with an {@link UpstreamException} (timeout,
     * garbage, socket error) after at most {@code timeoutNanos}.
     * It never completes on an event loop's caller stack before this method returns.
     */
    public CompletableFuture<UpstreamReply> exchange(InetSocketAddress server, byte[] query, long timeoutNanos) {
        EventLoop loop = transport.callersLoop();
        Exchange exchange = new Exchange(server, query, new ReplyCheck(query, counters), counters);
        loop.execute(() -> startUdp(loop, exchange, timeoutNanos));
        // A copy: a caller that cancels or completes it cannot end the exchange behind its back (its
        // timer and socket are released only by the exchange itself).
        return exchange.result().copy();
    }

    /**
     * Runs {@code task} after a delay, on the caller's event loop when called from one (a question's
     * deadline fires where the question is answered); the pool's deadlines and probes use this.
     */
    public Future<?> schedule(Runnable task, long delayNanos) {
        return transport.callersLoop().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void startUdp(EventLoop loop, Exchange exchange, long timeoutNanos) {
        exchange.setTimer(loop.schedule(exchange::timeOut, timeoutNanos, TimeUnit.NANOSECONDS));
        sockets.computeIfAbsent(loop, l -> new UdpSockets(l, udp, counters, e -> startTcp(l, e))).send(exchange);
    }

    /** UDP sockets open now on all loops: for tests. Call off the event loops only when idle. */
    int openUdpSockets() {
        return sockets.values().stream().mapToInt(UdpSockets::openCount).sum();
    }

    private void startTcp(EventLoop loop, Exchange exchange) {
        if (exchange.result().isDone()) {
            return;
        }
        counters.tcpRetries.increment();
        ChannelFuture connected = tcp.clone(loop)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new LengthFieldBasedFrameDecoder(MAX_TCP_MESSAGE, 0, 2, 0, 2),
                                new TcpReplyHandler(exchange));
                    }
                })
                .connect(exchange.server());
        exchange.use(connected.channel());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                exchange.fail(new UpstreamException("TCP connect to " + exchange.server() + " failed: " + f.cause(),
                        f.cause()));
                return;
            }
            byte[] wire = exchange.wire();
            byte[] framed = new byte[wire.length + 2];
            framed[0] = (byte) (wire.length >>> 8);
            framed[1] = (byte) wire.length;
            System.arraycopy(wire, 0, framed, 2, wire.length);
            connected.channel().writeAndFlush(Unpooled.wrappedBuffer(framed)).addListener(w -> {
                if (!w.isSuccess()) {
                    exchange.fail(new UpstreamException("TCP send to " + exchange.server() + " failed: " + w.cause(),
                            w.cause()));
                }
            });
        });
    }
}
