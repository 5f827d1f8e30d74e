package org.hearth.gateway.dns;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes a new TCP connection at once when {@code max} are already open (dns.maxTcpConnections),
 * or {@code maxPerClient} from the same address (dns.maxTcpConnectionsPerClient), so idle or slow
 * clients cannot use up the box's memory and file descriptors, and one client that holds
 * connections open (a byte every few seconds keeps the idle timer away) cannot take every TCP slot
 * from the others.
 */
@ChannelHandler.Sharable
final class TcpConnectionLimit extends ChannelInboundHandlerAdapter {

    /** The client a connection was counted against, so channelInactive uncounts the same one. */
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf(TcpConnectionLimit.class, "client");

    private final int max;
    private final int maxPerClient;
    private final EdgeCounters counters;
    private final AtomicInteger open = new AtomicInteger();
    /** Open connections per client address; an entry goes when its last connection closes. */
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();

    TcpConnectionLimit(int max, int maxPerClient, EdgeCounters counters) {
        this.max = max;
        this.maxPerClient = maxPerClient;
        this.counters = counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        int total = open.incrementAndGet();
        int fromClient = 0;
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote) {
            InetAddress client = remote.getAddress();
            ctx.channel().attr(COUNTED).set(client);
            fromClient = perClient.merge(client, 1, Integer::sum);
        }
        if (total > max || fromClient > maxPerClient) {
            counters.tcpRejected.increment();
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Every connection that became active passes here once, rejected or not, so the counts hold.
        open.decrementAndGet();
        InetAddress client = ctx.channel().attr(COUNTED).getAndSet(null);
        if (client != null) {
            perClient.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
        }
        super.channelInactive(ctx);
    }

    int open() {
        return open.get();
    }
}
