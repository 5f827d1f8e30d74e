package org.hearth.gateway.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.concurrent.CompletableFuture;
import org.hearth.gateway.query.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One datagram in, at most one datagram out. Stateless, so one instance serves every UDP socket. */
@ChannelHandler.Sharable
final class UdpQueryHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(UdpQueryHandler.class);

    private final QueryDispatcher dispatcher;

    UdpQueryHandler(QueryDispatcher dispatcher) {
        super(true); // SimpleChannelInboundHandler releases the packet once channelRead0 returns
        this.dispatcher = dispatcher;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        var client = packet.sender();
        CompletableFuture<byte[]> answer = dispatcher.dispatch(bytes, client, packet.recipient(), Transport.UDP)
                .toCompletableFuture();
        if (answer.isDone() && !answer.isCompletedExceptionally()) {
            // Answered at once (cache, block, error): queued, and sent with the others read in this
            // round by one sendmmsg at channelReadComplete instead of one system call each.
            byte[] out = answer.join();
            if (out != null) {
                ctx.write(new DatagramPacket(direct(ctx, out), client), ctx.voidPromise());
            }
            return;
        }
        answer.thenAccept(out -> {
            if (out != null) {
                // Thread-safe: the chain may complete on another loop; Netty hands the write over.
                ctx.writeAndFlush(new DatagramPacket(direct(ctx, out), client), ctx.voidPromise());
            }
        });
    }

    /**
     * The answer in a pooled direct buffer: the native transport sends only direct memory, and
     * copies a wrapped heap array into one anyway, after making the wrapper and its view.
     */
    private static ByteBuf direct(ChannelHandlerContext ctx, byte[] out) {
        return ctx.alloc().directBuffer(out.length).writeBytes(out);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket serves everyone: one client's ICMP error or bad packet must not close it.
        LOG.debug("UDP listener {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
