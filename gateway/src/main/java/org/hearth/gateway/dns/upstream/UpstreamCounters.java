package org.hearth.gateway.dns.upstream;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the upstream client dropped or retried, for metrics. Replies that fail a check are dropped
 * (never used, never fatal) and the wait for the real answer goes on, so spoofed or stray datagrams
 * cannot end a query early.
 */
public final class UpstreamCounters {

    final LongAdder wrongSource = new LongAdder();
    final LongAdder wrongId = new LongAdder();
    final LongAdder wrongQuestion = new LongAdder();
    final LongAdder unreadable = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder tcpRetries = new LongAdder();

    /** Datagrams from an address other than the server asked. */
    public long wrongSource() {
        return wrongSource.sum();
    }

    /** Replies whose ID was not the query's (or without the QR bit). */
    public long wrongId() {
        return wrongId.sum();
    }

    /** Replies with our ID but another question (name, type or class). */
    public long wrongQuestion() {
        return wrongQuestion.sum();
    }

    /** Replies too short to hold a header, or with our ID but an unreadable body. */
    public long unreadable() {
        return unreadable.sum();
    }

    /**
     * Replies from the server with the ID of a question it no longer waits for (timed out, or
     * asked again over TCP): slow, not forged, so not in {@link #dropped()}.
     */
    public long late() {
        return late.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    /** UDP answers with TC set, asked again over TCP. */
    public long tcpRetries() {
        return tcpRetries.sum();
    }

    /** Everything dropped for failing a check. */
    public long dropped() {
        return wrongSource() + wrongId() + wrongQuestion() + unreadable();
    }
}
