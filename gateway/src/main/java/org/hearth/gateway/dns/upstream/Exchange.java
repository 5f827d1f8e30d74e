package org.hearth.gateway.dns.upstream;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.Message;

/**
 * One query to one upstream: its bytes, the check its reply must pass, the channel in use (UDP,
 * then perhaps TCP), and the timer that ends it. All methods run on the exchange's event loop,
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

    Exchange(InetSocketAddress server, Message query, ReplyCheck check, UpstreamCounters counters) {
        this.server = server;
        this.wire = query.toWire();
        this.check = check;
        this.counters = counters;
    }

    InetSocketAddress server() {
        return server;
    }

    byte[] wire() {
        return wire;
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

    /** Switches to a new channel (UDP → TCP), closing the previous one. */
    void use(Channel next) {
        if (channel != null && channel != next) {
            channel.close();
        }
        channel = next;
        if (result.isDone()) {
            next.close();
        }
    }

    /** False for the UDP channel once the exchange moved to TCP: its late events mean nothing. */
    boolean isCurrent(Channel candidate) {
        return candidate == channel;
    }

    void succeed(Message reply, byte[] wire, Transport transport) {
        if (result.complete(new UpstreamReply(server, reply, transport, wire))) {
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
        if (channel != null) {
            channel.close();
        }
    }
}
