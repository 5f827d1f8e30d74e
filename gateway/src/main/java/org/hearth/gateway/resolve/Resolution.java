package org.hearth.gateway.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearth.gateway.dns.upstream.UpstreamReply;
import org.hearth.gateway.dns.upstream.UpstreamTimeoutException;
import org.hearth.gateway.query.Answer;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

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
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    /** Set by whichever ends the walk first: an answer, the last failure, or the deadline. */
    private final AtomicBoolean ended = new AtomicBoolean();
    private final List<UpstreamHealth> timedOut = new ArrayList<>();
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

    void next() {
        if (ended.get()) {
            return;
        }
        if (index == order.size() && !secondRound && !timedOut.isEmpty()) {
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
        Message message;
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
            attempts.add(upstream.server() + ": " + e);
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
            result.completeExceptionally(new UpstreamFailedException(query.question(), summary, attempts));
        }
    }

    private void onReply(UpstreamHealth upstream, UpstreamReply reply, Throwable failure) {
        if (failure != null) {
            upstream.failed();
            attempts.add(upstream.server() + ": " + failure.getMessage());
            if (failure instanceof UpstreamTimeoutException && !secondRound) {
                timedOut.add(upstream);
            }
            next();
            return;
        }
        Message message = reply.message();
        int rcode = message.getRcode();
        boolean truncated = message.getHeader().getFlag(Flags.TC);
        if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED || rcode == Rcode.NOTIMP || rcode == Rcode.FORMERR
                || truncated) {
            // SERVFAIL, NOTIMP and FORMERR are often about this name or type (a broken zone, an odd
            // qtype), not the server, so they do not count against its health; REFUSED and TC over
            // TCP mean the server is of no use to us at all.
            if (rcode == Rcode.REFUSED || truncated) {
                upstream.failed();
            }
            attempts.add(upstream.server() + ": " + (truncated ? "truncated over TCP" : Rcode.string(rcode)));
            next();
            return;
        }
        upstream.succeeded();
        try {
            Answer.ExtendedError error = extendedError(message); // before withoutOpt drops the OPT
            Answer answer = new Answer(withoutOpt(reply.wire(), message), Answer.Source.UPSTREAM, error);
            if (ended.compareAndSet(false, true)) {
                pool.released();
                result.complete(answer);
            }
        } catch (RuntimeException e) {
            attempts.add(upstream.server() + ": cannot re-encode the reply: " + e.getMessage());
            next();
        }
    }

    /**
     * The upstream's first Extended DNS Error, kept for the client: a filtering upstream says
     * "Blocked" or "Filtered" this way, and a validating one why it failed.
     */
    static Answer.ExtendedError extendedError(Message message) {
        OPTRecord opt = message.getOPT();
        if (opt == null) {
            return null;
        }
        for (EDNSOption option : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
            if (option instanceof ExtendedErrorCodeOption ede) {
                // No text and empty text mean the same on the wire; "" spares the edge a null check.
                return new Answer.ExtendedError(ede.getErrorCode(), ede.getText() == null ? "" : ede.getText());
            }
        }
        return null;
    }

    /**
     * The response as {@link Answer} wants it, from the bytes as received; dnsjava re-encodes it
     * only if they do not walk (they parsed, so that would be a difference between two readers).
     */
    static byte[] withoutOpt(byte[] wire, Message message) {
        if (wire != null) {
            try {
                return ReplyBytes.withoutOpt(wire);
            } catch (IllegalArgumentException e) {
                // Fall through: dnsjava read it, so its own encoding is well formed.
            }
        }
        return withoutOpt(message);
    }

    /** The response as {@link Answer} wants it: the edge adds its own OPT. */
    static byte[] withoutOpt(Message message) {
        // getSection is a view: collect first, then remove, or the iteration fails.
        List<Record> opts = new ArrayList<>();
        for (Record record : message.getSection(Section.ADDITIONAL)) {
            if (record instanceof OPTRecord) {
                opts.add(record);
            }
        }
        for (Record opt : opts) {
            message.removeRecord(opt, Section.ADDITIONAL);
        }
        return message.toWire();
    }
}
