package org.hearth.gateway.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.BooleanSupplier;
import org.hearth.gateway.query.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection's queries (RFC 7766): each framed message is handed on as it arrives, several
 * may be in flight at once and each answer is written when it is ready, so answers can come back out
 * of order (§6.2.1.1). At most {@code maxInFlight} are answered concurrently; beyond that reading
 * pauses, which pushes back on the client through TCP flow control. State is touched only on the
 * channel's event loop.
 */
final class TcpQueryHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TcpQueryHandler.class);

    private final QueryDispatcher dispatcher;
    private final int maxInFlight;
    /** False once the gateway is closing: then no further query is read. */
    private final BooleanSupplier accepting;
    private final Queue<byte[]> waiting = new ArrayDeque<>();
    /** Queries dispatched whose answer is not yet written to the socket. */
    private int inFlight;
    /** The client shut down its sending side: answer what it sent, then close. */
    private boolean inputShutdown;

    TcpQueryHandler(QueryDispatcher dispatcher, int maxInFlight, BooleanSupplier accepting) {
        this.dispatcher = dispatcher;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.accepting = accepting;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            waiting.add(ByteBufUtil.getBytes(frame));
        } finally {
            frame.release();
        }
        drain(ctx);
    }

    private void drain(ChannelHandlerContext ctx) {
        while (inFlight < maxInFlight && !waiting.isEmpty()) {
            start(ctx, waiting.poll());
        }
        // Frames already read past the bound wait in the queue; reading more waits for room.
        ctx.channel().config().setAutoRead(waiting.isEmpty() && inFlight < maxInFlight && accepting.getAsBoolean());
    }

    private void start(ChannelHandlerContext ctx, byte[] query) {
        inFlight++;
        dispatcher.dispatch(query, inet(ctx.channel().remoteAddress()), inet(ctx.channel().localAddress()),
                        Transport.TCP)
                .thenAccept(out -> ctx.executor().execute(() -> write(ctx, out)));
    }

    /** Null for a non-IP channel (tests); the guard refuses a query without a client address. */
    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    private void write(ChannelHandlerContext ctx, byte[] out) {
        if (out == null || !ctx.channel().isActive()) {
            done(ctx);
            return;
        }
        ByteBuf framed = ctx.alloc().buffer(2 + out.length);
        framed.writeShort(out.length);
        framed.writeBytes(out);
        ctx.writeAndFlush(framed).addListener(f -> done(ctx));
    }

    private void done(ChannelHandlerContext ctx) {
        inFlight--;
        if (ctx.channel().isActive()) {
            drain(ctx);
            closeIfFinished(ctx);
        }
    }

    private void closeIfFinished(ChannelHandlerContext ctx) {
        if (inputShutdown && inFlight == 0 && waiting.isEmpty()) {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ChannelInputShutdownEvent) {
            // A client may send its queries and half-close (RFC 7766 §6.2.4 allows it); its answers
            // still go out on the open half.
            inputShutdown = true;
            closeIfFinished(ctx);
            return;
        }
        if (event instanceof IdleStateEvent) {
            // RFC 7766 §6.2.3: the idle timeout counts from the last activity with nothing pending.
            if (inFlight == 0 && waiting.isEmpty()) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and framing errors end this connection only; the listener keeps serving.
        LOG.debug("TCP connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
