package org.hearth.gateway.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearth.gateway.dns.upstream.ReplyWire;
import org.hearth.gateway.dns.upstream.UpstreamReply;
import org.hearth.gateway.dns.upstream.UpstreamTimeoutException;
import org.hearth.gateway.query.Answer;
import org.xbill.DNS.Rcode;

/**
 * One question's walk through the upstreams: one attempt at a time, the next server on timeout,
 * garbage, socket error, SERVFAIL, REFUSED, NOTIMP or FORMERR; servers that timed out get one more try if time is
 * left (a lost datagram is the common cause). Attempts run one after another, so the walk's state
 * needs no lock; the deadline timer only completes the result.
 */
final class Resolution {

    private final UpstreamPool pool;
    private final UpstreamQuery query;
    private final long deadlineNanos;
    private final CompletableFuture<Answer> result = new CompletableFuture<>();
    /** What each attempt met, for the failure's message; made at the first failed attempt. */
    private volatile List<String> attempts;
    /** Set by whichever ends the walk first: an answer, the last failure, or the deadline. */
    private final AtomicBoolean ended = new AtomicBoolean();
    private List<UpstreamHealth> timedOut; // made at the first timeout
    /** The deadline's timer, cancelled when the walk ends before it fires. */
    private volatile Future<?> deadlineTimer;
    private List<UpstreamHealth> order;
    private int index;
    private boolean secondRound;

    Resolution(UpstreamPool pool, UpstreamQuery query, List<UpstreamHealth> order, long deadlineNanos) {
        this.pool = pool;
        this.query = query;
        this.order = order;
        this.deadlineNanos = deadlineNanos;
    }

    CompletableFuture<Answer> result() {
        return result;
    }

    /**
     * The timer that ends the walk at its deadline: cancelled here when the walk ends first, which
     * a completion stage on the result did at the cost of three objects a forwarded question.
     */
    void deadlineTimer(Future<?> timer) {
        deadlineTimer = timer;
        if (ended.get()) {
            timer.cancel(false);
        }
    }

    private void cancelDeadline() {
        Future<?> timer = deadlineTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Attempts run one after another (see above), so the list is made once, by the walk itself. */
    private void attempt(String what) {
        List<String> met = attempts;
        if (met == null) {
            met = new CopyOnWriteArrayList<>();
            attempts = met;
        }
        met.add(what);
    }

    void next() {
        if (ended.get()) {
            return;
        }
        if (index == order.size() && !secondRound && timedOut != null) {
            order = List.copyOf(timedOut);
            index = 0;
            secondRound = true;
        }
        if (index == order.size()) {
            fail("every upstream failed");
            return;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            deadlinePassed();
            return;
        }
        UpstreamHealth upstream = order.get(index++);
        long timeout = Math.min(pool.config().timeout().toNanos(), remaining);
        byte[] message;
        try {
            message = query.encode(pool.randomId());
        } catch (RuntimeException e) {
            fail("cannot encode the question: " + e.getMessage());
            return;
        }
        try {
            pool.client().exchange(upstream.server(), message, timeout)
                    .whenComplete((reply, failure) -> onReply(upstream, reply, failure));
        } catch (RuntimeException e) {
            // The event loops are shutting down: nothing more can be sent, so end the walk now
            // rather than leave the client waiting on a timer that may never fire.
            attempt(upstream.server() + ": " + e);
            fail("cannot send upstream");
        }
    }

    void deadlinePassed() {
        fail("no upstream answered within " + pool.config().deadline().toMillis() + " ms");
    }

    void fail(String summary) {
        // Counted before completing, so whoever the completion wakes already sees the count.
        if (ended.compareAndSet(false, true)) {
            pool.failed();
            pool.released();
            cancelDeadline();
            List<String> met = attempts;
            result.completeExceptionally(new UpstreamFailedException(query.question(), summary,
                    met == null ? List.of() : met));
        }
    }

    private void onReply(UpstreamHealth upstream, UpstreamReply reply, Throwable failure) {
        if (failure != null) {
            upstream.failed();
            attempt(upstream.server() + ": " + failure.getMessage());
            if (failure instanceof UpstreamTimeoutException && !secondRound) {
                if (timedOut == null) {
                    timedOut = new ArrayList<>();
                }
                timedOut.add(upstream);
            }
            next();
            return;
        }
        ReplyWire message = reply.message();
        int rcode = message.rcode();
        boolean truncated = message.truncated();
        if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED || rcode == Rcode.NOTIMP || rcode == Rcode.FORMERR
                || truncated) {
            // SERVFAIL, NOTIMP and FORMERR are often about this name or type (a broken zone, an odd
            // qtype), not the server, so they do not count against its health; REFUSED and TC over
            // TCP mean the server is of no use to us at all.
            if (rcode == Rcode.REFUSED || truncated) {
                upstream.failed();
            }
            attempt(upstream.server() + ": " + (truncated ? "truncated over TCP" : Rcode.string(rcode)));
            next();
            return;
        }
        upstream.succeeded();
        Answer answer = new Answer(message.withoutOpt(), Answer.Source.UPSTREAM, message.extendedError());
        if (ended.compareAndSet(false, true)) {
            cancelDeadline();
            pool.released();
            result.complete(answer);
        }
    }
}
