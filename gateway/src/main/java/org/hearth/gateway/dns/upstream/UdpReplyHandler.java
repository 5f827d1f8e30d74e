package org.hearth.gateway.dns.upstream;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.Message;

/**
 * Reads datagrams on one query's socket. Only a reply from the server's address and port that
 * passes {@link ReplyCheck} ends the exchange; everything else is counted and dropped.
 * {@link SimpleChannelInboundHandler} releases every packet.
 */
final class UdpReplyHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final Exchange exchange;
    private final Runnable retryOverTcp;

    UdpReplyHandler(Exchange exchange, Runnable retryOverTcp) {
        this.exchange = exchange;
        this.retryOverTcp = retryOverTcp;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (!exchange.isCurrent(ctx.channel())) {
            return; // moved on to TCP; SimpleChannelInboundHandler still releases the packet
        }
        if (!sameEndpoint(packet.sender(), exchange.server())) {
            exchange.counters().wrongSource.increment();
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        Message reply;
        try {
            reply = exchange.check().check(bytes);
        } catch (UpstreamException e) {
            exchange.fail(e);
            return;
        }
        if (reply == null) {
            return;
        }
        if (ReplyCheck.truncated(reply)) {
            retryOverTcp.run();
        } else {
            exchange.succeed(reply, bytes, Transport.UDP);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // ICMP port unreachable and the like: the server is not there, so try the next one now.
        // Errors of a UDP channel we already left for TCP (closing it raises one) do not count.
        if (!exchange.isCurrent(ctx.channel())) {
            return;
        }
        exchange.fail(new UpstreamException("UDP error with " + exchange.server() + ": " + cause, cause));
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
