package org.hearth.gateway.dns.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The UDP sockets of one event loop's forwarded questions. A question takes the open socket if it
 * may; otherwise a new one is opened, on a fresh source port the kernel picks at random.
 *
 * <p>Why share at all: a socket per question (what Unbound does) costs a socket, a bind, two epoll
 * registrations and a close each, which in Netty was most of a forwarded question's CPU. Why so
 * little: RFC 5452's defence is that an off-path forger must guess the source port and the ID
 * together. Both stay random per socket and per question, and the chance of a forged datagram
 * matching is the same whether the waiting questions sit on one socket each or a few share one.
 * What sharing adds is time: a port that stays open longer can be found by scanning (the SAD DNS
 * attacks of 2020 needed seconds per port). So a socket carries at most {@value #MAX_USES}
 * questions, to one server only (a port learnt from one server's path says nothing about another's
 * questions), and takes new ones for at most 100 ms; it closes when the last of them is answered or
 * times out. On a home network, with a few forwarded questions a second, that is still one socket
 * per question, and only a burst shares.
 *
 * <p>Each socket is connected to its server, as Unbound's {@code udp-connect} does: the kernel then
 * hands it only that server's datagrams and answers anyone else's with port unreachable, as if no
 * socket were there, so the open port cannot be found by scanning it from another address; a
 * server's own port unreachable comes back as an error, so its questions fail over at once instead
 * of at the timeout; and neither a send nor a read carries an address (gateway/PERF.md, "Upstream
 * sockets connected to their server").
 */
final class UdpSockets {

    static final int MAX_USES = 16;
    static final long MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final EventLoop loop;
    private final Bootstrap udp;
    private final UpstreamCounters counters;
    private final Consumer<Exchange> retryOverTcp;
    /** The socket each server's next question may take: never one shared between servers. */
    private final Map<InetSocketAddress, UdpSocket> current = new HashMap<>();
    private volatile int open; // written on the loop; read by tests

    UdpSockets(EventLoop loop, Bootstrap udp, UpstreamCounters counters, Consumer<Exchange> retryOverTcp) {
        this.loop = loop;
        this.udp = udp;
        this.counters = counters;
        this.retryOverTcp = retryOverTcp;
    }

    /** Sends the exchange's query from a socket it may share. On the loop's thread. */
    void send(Exchange exchange) {
        UdpSocket socket = current.get(exchange.server());
        if (socket == null || !socket.accepts(exchange.id())) {
            if (socket != null) {
                socket.retire();
            }
            socket = open(exchange.server());
            current.put(exchange.server(), socket);
        }
        socket.send(exchange);
    }

    private UdpSocket open(InetSocketAddress server) {
        UdpSocket socket = new UdpSocket(this, server);
        // connect() binds the socket to a random ephemeral port first, as bind(0) did.
        ChannelFuture connected = udp.clone(loop).handler(socket).connect(server);
        socket.opened(connected, loop.schedule(socket::retire, MAX_AGE_NANOS, TimeUnit.NANOSECONDS));
        open++;
        return socket;
    }

    void closed(UdpSocket socket) {
        open--;
        current.remove(socket.server(), socket);
    }

    /** Sockets open now on this loop: for tests. */
    int openCount() {
        return open;
    }

    UpstreamCounters counters() {
        return counters;
    }

    void retryOverTcp(Exchange exchange) {
        retryOverTcp.accept(exchange);
    }
}
