package org.hearth.gateway.dns.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.hearth.gateway.query.Transport;

/** Reads length-delimited replies on one query's TCP connection; the frame decoder strips the length. */
final class TcpReplyHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private final Exchange exchange;

    TcpReplyHandler(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        ReplyWire reply;
        byte[] bytes = ByteBufUtil.getBytes(frame);
        try {
            reply = exchange.check().check(bytes);
        } catch (UpstreamException e) {
            exchange.fail(e);
            return;
        }
        if (reply != null) {
            // TC over TCP would be a broken server; the caller sees the flag and treats it as a failure.
            exchange.succeed(reply, Transport.TCP);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        exchange.fail(new UpstreamException("TCP connection to " + exchange.server() + " closed before an answer"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        exchange.fail(new UpstreamException("TCP error with " + exchange.server() + ": " + cause, cause));
    }
}
