package org.hearth.gateway.resolve;

/**
 * One cache entry: the response bytes with TTLs already clamped, where those TTLs are, and when it
 * was stored. The array is never modified after construction; hits copy it.
 *
 * @param wire the response in wire format, without OPT record
 * @param ttlOffsets offsets of every record's TTL field in {@code wire}
 * @param storedAtNanos ticker reading when it was stored
 * @param lifetimeNanos how long it is fresh: the smallest TTL in it
 * @param negative NXDOMAIN or NODATA, kept by the SOA's negative TTL (RFC 2308)
 */
record CachedResponse(byte[] wire, int[] ttlOffsets, long storedAtNanos, long lifetimeNanos, boolean negative) {

    /** A copy of the bytes with every TTL counted down by the whole seconds elapsed since storing. */
    byte[] aged(long nowNanos) {
        long elapsedSeconds = Math.max(0, nowNanos - storedAtNanos) / 1_000_000_000L;
        byte[] copy = wire.clone();
        for (int offset : ttlOffsets) {
            WireLayout.putTtl(copy, offset, Math.max(0, WireLayout.ttl(wire, offset) - elapsedSeconds));
        }
        return copy;
    }

    /** A copy with every TTL set to the same value, for stale answers. */
    byte[] withTtl(long ttl) {
        byte[] copy = wire.clone();
        for (int offset : ttlOffsets) {
            WireLayout.putTtl(copy, offset, ttl);
        }
        return copy;
    }

    boolean freshAt(long nowNanos) {
        return nowNanos - storedAtNanos < lifetimeNanos;
    }
}
