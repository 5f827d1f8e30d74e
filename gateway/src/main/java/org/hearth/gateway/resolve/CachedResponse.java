package org.hearth.gateway.resolve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hearth.gateway.query.Answer;

/**
 * One cache entry, packed into a single array, and what reads it: the response bytes with TTLs
 * already clamped, where those TTLs are, when it was stored and the upstream's Extended DNS Error.
 * {@link #pack} copies the response in, {@link #putTtl} and {@link #putLifetime} finish it, and
 * once stored the array is never modified; hits copy it. Static methods over the array, not
 * a view object: a view passed to a method the JIT does not inline is an allocation per hit.
 *
 * <p>Why one array: as a record with its bytes and their TTL offsets an entry was three objects;
 * packed, it is one with no references in it, 39 bytes smaller, so a full cache is 40,000 fewer
 * objects for the collector to copy and mark. The pauses this was meant for did not move beyond
 * this box's noise (gateway/PERF.md, "Cache entries as one array").
 *
 * <p>Layout, big-endian:
 * <pre>
 *   0  stored at, ticker nanos    8 bytes
 *   8  lifetime, nanos            8
 *  16  TTL count n                2
 *  18  error text length t        2 (0xFFFF: no Extended DNS Error; no text and an empty one
 *                                   are both stored as 0 and read as "", as the edge sends both)
 *  20  error code                 2
 *  22  TTL offsets in the wire    2 each, n of them
 *      error text                 t bytes of UTF-8
 *      the response               to the end
 * </pre>
 */
final class CachedResponse {

    private static final int STORED_AT = 0;
    private static final int LIFETIME = 8;
    private static final int TTL_COUNT = 16;
    private static final int TEXT_LENGTH = 18;
    private static final int ERROR_CODE = 20;
    private static final int TTL_OFFSETS = 22;
    private static final int NO_ERROR = 0xFFFF;
    /** The longest error text, in UTF-8 bytes: 0xFFFF in its length field means no error. */
    static final int MAX_TEXT = 0xFFFE;
    private static final int MAX_MESSAGE = 0xFFFF;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private CachedResponse() {}

    /**
     * The packed entry with the response's TTLs as they are and no lifetime yet, or null when it
     * cannot be packed: a message longer than DNS allows, or an error text too long for the layout.
     */
    static byte[] pack(byte[] wire, WireLayout layout, long storedAtNanos, Answer.ExtendedError extendedError) {
        byte[] text = extendedError == null || extendedError.text() == null ? null
                : extendedError.text().getBytes(StandardCharsets.UTF_8);
        int textLength = text == null ? 0 : text.length;
        if (textLength > MAX_TEXT || wire.length > MAX_MESSAGE) {
            return null;
        }
        int textAt = TTL_OFFSETS + 2 * layout.size();
        int wireAt = textAt + textLength;
        byte[] out = new byte[wireAt + wire.length];
        LONG.set(out, STORED_AT, storedAtNanos);
        WireLayout.putU16(out, TTL_COUNT, layout.size());
        WireLayout.putU16(out, TEXT_LENGTH, extendedError == null ? NO_ERROR : textLength);
        WireLayout.putU16(out, ERROR_CODE, extendedError == null ? 0 : extendedError.code());
        for (int i = 0; i < layout.size(); i++) {
            WireLayout.putU16(out, TTL_OFFSETS + 2 * i, layout.ttlOffset(i));
        }
        if (text != null) {
            System.arraycopy(text, 0, out, textAt, textLength);
        }
        System.arraycopy(wire, 0, out, wireAt, wire.length);
        return out;
    }

    /** Sets the TTL of the response's record {@code record} (in {@link WireLayout}'s order). */
    static void putTtl(byte[] entry, int record, long ttl) {
        WireLayout.putTtl(entry, wireAt(entry) + WireLayout.u16(entry, TTL_OFFSETS + 2 * record), ttl);
    }

    static void putLifetime(byte[] entry, long lifetimeNanos) {
        LONG.set(entry, LIFETIME, lifetimeNanos);
    }

    static long storedAtNanos(byte[] entry) {
        return (long) LONG.get(entry, STORED_AT);
    }

    /** How long it is fresh: the smallest TTL in it. */
    static long lifetimeNanos(byte[] entry) {
        return (long) LONG.get(entry, LIFETIME);
    }

    static boolean freshAt(byte[] entry, long nowNanos) {
        return nowNanos - storedAtNanos(entry) < lifetimeNanos(entry);
    }

    /**
     * The bytes an upstream chose, which the cache's size bound weighs: the response and the error
     * text (an upstream could attach 64 KiB of text to a small answer).
     */
    static int weighedLength(byte[] entry) {
        return entry.length - textAt(entry);
    }

    /** The upstream's Extended DNS Error, served with every hit; or null. */
    static Answer.ExtendedError extendedError(byte[] entry) {
        int textLength = WireLayout.u16(entry, TEXT_LENGTH);
        if (textLength == NO_ERROR) {
            return null;
        }
        return new Answer.ExtendedError(WireLayout.u16(entry, ERROR_CODE),
                new String(entry, textAt(entry), textLength, StandardCharsets.UTF_8));
    }

    /** A copy of the response with every TTL counted down by the whole seconds elapsed since storing. */
    static byte[] aged(byte[] entry, long nowNanos) {
        long elapsedSeconds = Math.max(0, nowNanos - storedAtNanos(entry)) / 1_000_000_000L;
        int wireAt = wireAt(entry);
        byte[] copy = Arrays.copyOfRange(entry, wireAt, entry.length);
        for (int i = 0, n = ttlCount(entry); i < n; i++) {
            int offset = WireLayout.u16(entry, TTL_OFFSETS + 2 * i);
            WireLayout.putTtl(copy, offset, Math.max(0, WireLayout.ttl(entry, wireAt + offset) - elapsedSeconds));
        }
        return copy;
    }

    /** A copy of the response with every TTL set to the same value, for stale answers. */
    static byte[] withTtl(byte[] entry, long ttl) {
        byte[] copy = Arrays.copyOfRange(entry, wireAt(entry), entry.length);
        for (int i = 0, n = ttlCount(entry); i < n; i++) {
            WireLayout.putTtl(copy, WireLayout.u16(entry, TTL_OFFSETS + 2 * i), ttl);
        }
        return copy;
    }

    private static int ttlCount(byte[] entry) {
        return WireLayout.u16(entry, TTL_COUNT);
    }

    private static int textAt(byte[] entry) {
        return TTL_OFFSETS + 2 * ttlCount(entry);
    }

    private static int wireAt(byte[] entry) {
        int textLength = WireLayout.u16(entry, TEXT_LENGTH);
        return textAt(entry) + (textLength == NO_ERROR ? 0 : textLength);
    }
}
