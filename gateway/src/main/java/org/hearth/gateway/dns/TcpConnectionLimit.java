package org.hearth.gateway.dns;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a new TCP connection at once when {@code max} are already open (dns.maxTcpConnections),
 * so idle or slow clients cannot use up the box's memory and file descriptors.
 */
@ChannelHandler.Sharable
final class TcpConnectionLimit extends ChannelInboundHandlerAdapter {

    private final int max;
    private final EdgeCounters counters;
    private final AtomicInteger open = new AtomicInteger();

    TcpConnectionLimit(int max, EdgeCounters counters) {
        this.max = max;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (open.incrementAndGet() > max) {
            counters.tcpRejected.increment();
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Every connection that became active passes here once, rejected or not, so the count holds.
        open.decrementAndGet();
        super.channelInactive(ctx);
    }

    int open() {
        return open.get();
    }
}
