package org.hearth.gateway.dns.upstream;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.hearth.gateway.query.Transport;

/**
 * One query to one upstream: its bytes, the check its reply must pass, the socket it went out on
 * (UDP, then perhaps a TCP channel), and the timer that ends it. All methods run on the exchange's event loop,
 * except {@link #result()}.
 */
final class Exchange {

    private final InetSocketAddress server;
    private final byte[] wire;
    private final ReplyCheck check;
    private final UpstreamCounters counters;
    private final CompletableFuture<UpstreamReply> result = new CompletableFuture<>();
    private ScheduledFuture<?> timer;
    private Channel channel;
    private UdpSocket udp;

    Exchange(InetSocketAddress server, byte[] query, ReplyCheck check, UpstreamCounters counters) {
        this.server = server;
        this.wire = query;
        this.check = check;
        this.counters = counters;
    }

    InetSocketAddress server() {
        return server;
    }

    byte[] wire() {
        return wire;
    }

    /** The query's ID, which tells its reply apart on a socket shared with other exchanges. */
    int id() {
        return (wire[0] & 0xFF) << 8 | wire[1] & 0xFF;
    }

    ReplyCheck check() {
        return check;
    }

    UpstreamCounters counters() {
        return counters;
    }

    CompletableFuture<UpstreamReply> result() {
        return result;
    }

    void setTimer(ScheduledFuture<?> timer) {
        this.timer = timer;
    }

    /** The UDP socket the query went out on; it is left when the exchange ends or moves to TCP. */
    void useUdp(UdpSocket socket) {
        udp = socket;
    }

    /** Switches to a TCP channel, leaving the UDP socket (its late datagrams are strays now). */
    void use(Channel next) {
        leaveUdp();
        if (channel != null && channel != next) {
            channel.close();
        }
        channel = next;
        if (result.isDone()) {
            next.close();
        }
    }

    void succeed(ReplyWire reply, Transport transport) {
        if (result.complete(new UpstreamReply(server, reply, transport))) {
            end();
        }
    }

    void fail(Throwable cause) {
        if (result.completeExceptionally(cause)) {
            end();
        }
    }

    void timeOut() {
        if (!result.isDone()) {
            counters.timeouts.increment();
            fail(new UpstreamTimeoutException("no answer from " + server + " in time"));
        }
    }

    private void end() {
        if (timer != null) {
            timer.cancel(false);
        }
        leaveUdp();
        if (channel != null) {
            channel.close();
        }
    }

    private void leaveUdp() {
        if (udp != null) {
            UdpSocket left = udp;
            udp = null;
            left.release(this);
        }
    }
}
