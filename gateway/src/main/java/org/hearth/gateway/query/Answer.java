package org.hearth.gateway.query;

import java.util.Objects;

/**
 * What a stage answers with: a complete DNS response in wire format, plus what the edge needs to
 * finish it for this client.
 *
 * <p>The contract for {@code message}: a DNS response whose rcode, flags (AA, RA, AD) and sections
 * are final, with <em>no OPT record</em> in it. Its ID and the case of its question do not matter:
 * the edge writes the client's ID, RD bit and question bytes over them, appends an OPT record when
 * the client sent one (echoing DO, carrying {@code extendedError}), and truncates for UDP. Stages
 * therefore never need to know the client's ID or EDNS size, and the cache can share one byte array
 * between many clients. Callers must not modify the array.
 *
 * @param message the response bytes (not copied; treat as immutable)
 * @param source where it came from, for metrics and the log
 * @param extendedError an RFC 8914 Extended DNS Error to attach when the client uses EDNS, or null
 */
public record Answer(byte[] message, Source source, ExtendedError extendedError) {

    public Answer {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
    }

    public Answer(byte[] message, Source source) {
        this(message, source, null);
    }

    /** Where an answer came from. */
    public enum Source {
        /** A fresh entry of the answer cache. */
        CACHE,
        /** Forwarded and answered by an upstream just now. */
        UPSTREAM,
        /** An expired cache entry served because no upstream answered (RFC 8767). */
        STALE,
        /** Answered by the policy: a blocked name, a canary, a SafeSearch rewrite. */
        POLICY,
        /** Answered by the box itself: its own name, local data. */
        LOCAL,
        /** A failure turned into an answer (SERVFAIL, FORMERR, REFUSED). */
        ERROR
    }

    /** RFC 8914 Extended DNS Error: an INFO-CODE and a short human-readable text. */
    public record ExtendedError(int code, String text) {
        public static final int OTHER = 0;
        public static final int STALE_ANSWER = 3;
        public static final int FORGED_ANSWER = 4;
        public static final int PROHIBITED = 18;
        public static final int BLOCKED = 15;
        public static final int CENSORED = 16;
        public static final int FILTERED = 17;
        public static final int NETWORK_ERROR = 23;
        public static final int NO_REACHABLE_AUTHORITY = 22;
    }
}
