package org.hearth.gateway.dns.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import org.hearth.gateway.query.Transport;

/**
 * One UDP socket on a random source port, connected to one server, that carries a few exchanges (at
 * most {@link UdpSockets#MAX_USES}), told apart by their query IDs, which are unique on it. The
 * kernel delivers only that server's datagrams; one is taken only if its ID is one still waiting
 * here, and a late, stray or forged one is counted and dropped. Once retired (used up, or older than
 * {@link UdpSockets#MAX_AGE_NANOS}) it takes no new exchange and closes when the last one ends, so
 * no source port stays open for long. Used only on its event loop.
 */
final class UdpSocket extends SimpleChannelInboundHandler<DatagramPacket> {

    private final UdpSockets owner;
    private final InetSocketAddress server;
    private final IntObjectMap<Exchange> waiting = new IntObjectHashMap<>(UdpSockets.MAX_USES);
    // Every ID this socket carried: none is given out twice, so a late reply never meets a new question.
    private final int[] used = new int[UdpSockets.MAX_USES];
    private ChannelFuture opened;
    private ScheduledFuture<?> retirement;
    private int uses;
    private boolean retired;
    private boolean closed;

    UdpSocket(UdpSockets owner, InetSocketAddress server) {
        this.owner = owner;
        this.server = server;
    }

    /** @param opened the socket's bind and connect to {@link #server()}, done or under way */
    void opened(ChannelFuture opened, ScheduledFuture<?> retirement) {
        this.opened = opened;
        this.retirement = retirement;
    }

    InetSocketAddress server() {
        return server;
    }

    /** Whether another exchange with this ID may use the socket. */
    boolean accepts(int id) {
        return !retired && uses < UdpSockets.MAX_USES && !carried(id);
    }

    private boolean carried(int id) {
        for (int i = 0; i < uses; i++) {
            if (used[i] == id) {
                return true;
            }
        }
        return false;
    }

    /** Registers the exchange and sends its query; the exchange leaves by {@link #release}. */
    void send(Exchange exchange) {
        used[uses++] = exchange.id();
        retired |= uses == UdpSockets.MAX_USES; // full: it closes as soon as the last one ends
        waiting.put(exchange.id(), exchange);
        exchange.useUdp(this);
        // Bootstrap connects in a task of the loop: the first query waits for it, the others find it
        // done and send at once.
        opened.addListener(b -> {
            if (!b.isSuccess()) {
                retired = true;
                exchange.fail(new UpstreamException("cannot open a UDP socket to " + server + ": " + b.cause(),
                        b.cause()));
                return;
            }
            if (exchange.result().isDone()) {
                return;
            }
            // Connected: the bytes alone, in direct memory (the native transport sends only that).
            byte[] wire = exchange.wire();
            ByteBuf query = opened.channel().alloc().directBuffer(wire.length).writeBytes(wire);
            opened.channel().writeAndFlush(query).addListener(w -> {
                if (!w.isSuccess()) {
                    exchange.fail(new UpstreamException("UDP send to " + exchange.server() + " failed: " + w.cause(),
                            w.cause()));
                }
            });
        });
    }

    /** The exchange ended or moved to TCP: later datagrams with its ID are strays. */
    void release(Exchange exchange) {
        if (waiting.get(exchange.id()) == exchange) {
            waiting.remove(exchange.id());
        }
        closeIfDone();
    }

    /** Takes no new exchange from now on; closes once the waiting ones have ended. */
    void retire() {
        retired = true;
        closeIfDone();
    }

    private void closeIfDone() {
        if (retired && waiting.isEmpty() && !closed) {
            closed = true;
            retirement.cancel(false);
            opened.channel().close();
            owner.closed(this);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        // The kernel delivers only the connected server's datagrams; judged again, before anything
        // is read, in case a transport ever hands over another's.
        if (!sameEndpoint(packet.sender(), server)) {
            owner.counters().wrongSource.increment();
            return;
        }
        ByteBuf content = packet.content();
        int id = content.readableBytes() >= 2 ? content.getUnsignedShort(content.readerIndex()) : -1;
        Exchange exchange = id < 0 ? null : waiting.get(id);
        if (exchange == null) {
            // The server, after the question timed out or went to TCP; otherwise stray or forged.
            (carried(id) ? owner.counters().late : owner.counters().wrongId).increment();
            return;
        }
        if (content.readableBytes() >= UpstreamClient.RECEIVE_BUFFER) {
            // It filled the buffer, so the kernel may have cut it: the whole reply comes over TCP.
            owner.retryOverTcp(exchange);
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        ReplyWire reply;
        try {
            reply = exchange.check().check(bytes);
        } catch (UpstreamException e) {
            exchange.fail(e);
            return;
        }
        if (reply == null) {
            return;
        }
        if (reply.truncated()) {
            owner.retryOverTcp(exchange);
        } else {
            exchange.succeed(reply, Transport.UDP);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An error on the socket (the server's ICMP port unreachable, reported on a connected
        // socket): every exchange waiting here, all for this one server, fails now and its caller
        // tries the next server.
        failAll("UDP error with " + server + ": " + cause, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Closed under us (not by closeIfDone): nothing more can arrive, and no new question may use it.
        failAll("UDP socket to " + server + " closed", null);
    }

    private void failAll(String why, Throwable cause) {
        retired = true;
        for (Exchange exchange : waiting.values().toArray(new Exchange[0])) {
            exchange.fail(new UpstreamException(why, cause));
        }
        closeIfDone();
    }

    /** Port and address equal; an IPv4-mapped IPv6 address (dual-stack socket) equals its IPv4 form. */
    static boolean sameEndpoint(InetSocketAddress a, InetSocketAddress b) {
        return a != null && a.getPort() == b.getPort() && plain(a.getAddress()).equals(plain(b.getAddress()));
    }

    private static InetAddress plain(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] raw = address.getAddress();
            boolean mapped = raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = raw[i] == 0;
            }
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(Arrays.copyOfRange(raw, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always an IPv4 address", e);
                }
            }
        }
        return address;
    }
}
