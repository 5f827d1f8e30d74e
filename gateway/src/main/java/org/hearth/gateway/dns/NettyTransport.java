package org.hearth.gateway.dns;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
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
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
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
    private final EventLoop[] loops;
    private final boolean epoll;

    private NettyTransport(EventLoopGroup group, boolean epoll) {
        this.group = group;
        List<EventLoop> all = new ArrayList<>();
        for (EventExecutor loop : group) {
            all.add((EventLoop) loop);
        }
        this.loops = all.toArray(EventLoop[]::new);
        this.epoll = epoll;
    }

    /** @param threads event loop threads; 0 means Netty's default (twice the cores) */
    public static NettyTransport create(int threads, boolean preferNative) {
        // Netty's own default for an event loop group: the highest Java priority.
        ThreadFactory loops = new DefaultThreadFactory("hearth-dns", Thread.MAX_PRIORITY);
        boolean epoll = preferNative && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, loops, io);
        ShortSlice.request(start(group), ShortSlice.configuredNanos());
        return new NettyTransport(group, epoll);
    }

    /**
     * Starts every loop now, from the calling thread, and returns their kernel thread ids. A Linux
     * thread takes its nice value and scheduling class from the thread that creates it, and Netty
     * creates a loop's thread on its first task: a socket that the interface rescan (at nice 19)
     * bound on a loop not yet started would have been served at nice 19 for good.
     */
    private static List<String> start(EventLoopGroup group) {
        List<String> tids = new ArrayList<>();
        for (EventExecutor loop : group) {
            String tid = loop.submit(ShortSlice::currentThreadId).syncUninterruptibly().getNow();
            if (tid != null) {
                tids.add(tid);
            }
        }
        return tids;
    }

    public EventLoopGroup group() {
        return group;
    }

    /**
     * The loop the calling thread runs, so work a question starts (its upstream exchange, its
     * timers) stays on the thread that answers it: no hand-over to another loop and back, which on
     * one core is two wake-ups a forwarded question. From any other thread, the next loop in turn.
     */
    public EventLoop callersLoop() {
        for (EventLoop loop : loops) {
            if (loop.inEventLoop()) {
                return loop;
            }
        }
        return group.next();
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
