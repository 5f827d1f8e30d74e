package org.hearth.gateway.dns;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.background.ShortSlice;

/**
 * The event loops and channel types the gateway runs on: native epoll where Netty's native library
 * loads (Linux x86-64 and arm64), NIO anywhere else. Listeners and the upstream client share one
 * group, so a forwarded query and its answer stay on one thread. Their threads ({@code hearth-dns-*})
 * ask Linux for a short scheduler slice ({@link ShortSlice}), so a question that arrives while
 * another thread holds the core is read at once.
 */
public final class NettyTransport implements AutoCloseable {

    private final EventLoopGroup group;
    private final boolean epoll;

    private NettyTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
    }

    /** @param threads event loop threads; 0 means Netty's default (twice the cores) */
    public static NettyTransport create(int threads, boolean preferNative) {
        ThreadFactory loops = ShortSlice.around(new DefaultThreadFactory("hearth-dns"), ShortSlice.configuredNanos());
        if (preferNative && Epoll.isAvailable()) {
            return new NettyTransport(new MultiThreadIoEventLoopGroup(threads, loops, EpollIoHandler.newFactory()), true);
        }
        return new NettyTransport(new MultiThreadIoEventLoopGroup(threads, loops, NioIoHandler.newFactory()), false);
    }

    public EventLoopGroup group() {
        return group;
    }

    public boolean isEpoll() {
        return epoll;
    }

    public String name() {
        return epoll ? "epoll" : "nio";
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    public Class<? extends ServerSocketChannel> serverSocketChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Lets in-flight work finish for a moment, then stops the loops. */
    @Override
    public void close() {
        group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
