package org.hearth.gateway.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * RFC 7766 framing (a 2-byte length, then the message), with a deadline on a message begun. A
 * client that sends part of a query and trickles the rest a byte at a time keeps the idle timer
 * from firing and would hold its connection, and up to 64 KiB of buffer, as long as it liked
 * (RFC 7766 §10 asks servers to guard against such slow clients). A message not whole within
 * {@code deadline} of its first byte closes the connection. State is touched on the channel's
 * event loop only.
 */
final class TcpFrameDecoder extends LengthFieldBasedFrameDecoder {

    /** The 2-byte length bounds every message. */
    private static final int MAX_FRAME = 2 + 65535;

    private final long deadlineNanos;
    private final EdgeCounters counters;
    /** Pending while part of a message waits in the buffer. */
    private ScheduledFuture<?> timer;
    /** Whether the read being handled completed a message: a new partial one gets a fresh deadline. */
    private boolean completed;

    TcpFrameDecoder(Duration deadline, EdgeCounters counters) {
        super(MAX_FRAME, 0, 2, 0, 2);
        this.deadlineNanos = deadline.toNanos();
        this.counters = counters;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        Object frame = super.decode(ctx, in);
        if (frame != null) {
            completed = true;
        }
        return frame;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        completed = false;
        super.channelRead(ctx, msg);
        boolean partial = actualReadableBytes() > 0;
        if (timer != null && (completed || !partial)) {
            cancel();
        }
        if (partial && timer == null && ctx.channel().isActive()) {
            schedule(ctx);
        }
    }

    private void schedule(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> expire(ctx), deadlineNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (actualReadableBytes() == 0 || !ctx.channel().isActive()) {
            return;
        }
        if (!ctx.channel().config().isAutoRead()) {
            // We stopped reading (its queries fill the connection's in-flight bound): the rest of
            // the message may be waiting in the socket, so the client is not the slow one.
            schedule(ctx);
            return;
        }
        counters.tcpStalled.increment();
        ctx.close();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.handlerRemoved0(ctx);
    }
}
