package org.hearth.gateway.query;

import java.util.Objects;
import java.util.function.Supplier;

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

    /**
     * RFC 8914 Extended DNS Error: an INFO-CODE and a short human-readable text. A value like a
     * record's (equal when code and text are), except that the text may be made on first read
     * ({@link #lazy}): the edge reads it only for a client that sent EDNS, and building a block's
     * text for every question was a fifth of what a blocked answer allocated (gateway/PERF.md).
     */
    public static final class ExtendedError {
        public static final int OTHER = 0;
        public static final int STALE_ANSWER = 3;
        public static final int FORGED_ANSWER = 4;
        public static final int PROHIBITED = 18;
        public static final int BLOCKED = 15;
        public static final int CENSORED = 16;
        public static final int FILTERED = 17;
        public static final int NETWORK_ERROR = 23;
        public static final int NO_REACHABLE_AUTHORITY = 22;

        private final int code;
        private final Supplier<String> makeText;
        // Made once; a race makes equal strings, and a String is safe to publish without a fence.
        private String text;

        public ExtendedError(int code, String text) {
            this(code, null, text);
        }

        private ExtendedError(int code, Supplier<String> makeText, String text) {
            this.code = code;
            this.makeText = makeText;
            this.text = text;
        }

        /** An error whose text {@code makeText} makes the first time anyone reads it. */
        public static ExtendedError lazy(int code, Supplier<String> makeText) {
            return new ExtendedError(code, Objects.requireNonNull(makeText, "makeText"), null);
        }

        public int code() {
            return code;
        }

        public String text() {
            String t = text;
            if (t == null && makeText != null) {
                t = makeText.get();
                text = t;
            }
            return t;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ExtendedError other && code == other.code && Objects.equals(text(), other.text());
        }

        @Override
        public int hashCode() {
            return 31 * code + Objects.hashCode(text());
        }

        @Override
        public String toString() {
            return "ExtendedError[code=" + code + ", text=" + text() + "]";
        }
    }
}
