package org.hearth.gateway.resolve;

/**
 * Where the resource records of a DNS message sit in its wire format (RFC 1035 §4.1), found by
 * walking names without decoding them. The cache needs only this to age TTLs in place, so a cache
 * hit costs an array copy and a few int writes instead of a parse.
 *
 * <p>Record {@code i} (in wire order: answer, authority, additional) has its TTL at
 * {@code ttlOffset(i)} and its RDATA at {@code rdataOffset(i)} for {@code rdataLength(i)} bytes.
 */
public final class WireLayout {

    private static final int HEADER = 12;

    private final int answers;
    private final int authorities;
    private final int[] types;
    private final int[] ttlOffsets;
    private final int[] rdataLengths;

    private WireLayout(int answers, int authorities, int[] types, int[] ttlOffsets, int[] rdataLengths) {
        this.answers = answers;
        this.authorities = authorities;
        this.types = types;
        this.ttlOffsets = ttlOffsets;
        this.rdataLengths = rdataLengths;
    }

    /**
     * Walks the message.
     *
     * @throws IllegalArgumentException if the bytes end early, a label type is unknown, or bytes
     *     are left over after the last record
     */
    public static WireLayout of(byte[] wire) {
        if (wire.length < HEADER) {
            throw new IllegalArgumentException("message shorter than a DNS header: " + wire.length + " bytes");
        }
        int qd = u16(wire, 4);
        int an = u16(wire, 6);
        int ns = u16(wire, 8);
        int ar = u16(wire, 10);
        int pos = HEADER;
        for (int i = 0; i < qd; i++) {
            pos = skipName(wire, pos) + 4;
            need(wire, pos, 0);
        }
        int count = an + ns + ar;
        int[] types = new int[count];
        int[] ttls = new int[count];
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
            pos = skipName(wire, pos);
            need(wire, pos, 10);
            types[i] = u16(wire, pos);
            ttls[i] = pos + 4;
            lengths[i] = u16(wire, pos + 8);
            pos += 10;
            need(wire, pos, lengths[i]);
            pos += lengths[i];
        }
        if (pos != wire.length) {
            throw new IllegalArgumentException((wire.length - pos) + " bytes after the last record");
        }
        return new WireLayout(an, ns, types, ttls, lengths);
    }

    /** Number of records in all three sections. */
    public int size() {
        return types.length;
    }

    public int answerCount() {
        return answers;
    }

    public int authorityCount() {
        return authorities;
    }

    /** 0 answer, 1 authority, 2 additional (dnsjava's Section numbers minus one). */
    public int section(int record) {
        return record < answers ? 0 : record < answers + authorities ? 1 : 2;
    }

    public int type(int record) {
        return types[record];
    }

    public int ttlOffset(int record) {
        return ttlOffsets[record];
    }

    public int rdataOffset(int record) {
        return ttlOffsets[record] + 6;
    }

    public int rdataLength(int record) {
        return rdataLengths[record];
    }

    /** The TTL as an unsigned 32-bit number; RFC 2181 §8 says values above 2^31-1 mean zero. */
    public static long ttl(byte[] wire, int offset) {
        long ttl = ((wire[offset] & 0xFFL) << 24) | ((wire[offset + 1] & 0xFFL) << 16)
                | ((wire[offset + 2] & 0xFFL) << 8) | (wire[offset + 3] & 0xFFL);
        return ttl > Integer.MAX_VALUE ? 0 : ttl;
    }

    public static void putTtl(byte[] wire, int offset, long ttl) {
        wire[offset] = (byte) (ttl >>> 24);
        wire[offset + 1] = (byte) (ttl >>> 16);
        wire[offset + 2] = (byte) (ttl >>> 8);
        wire[offset + 3] = (byte) ttl;
    }

    static void putU16(byte[] wire, int offset, int value) {
        wire[offset] = (byte) (value >>> 8);
        wire[offset + 1] = (byte) value;
    }

    public static int u16(byte[] wire, int offset) {
        return ((wire[offset] & 0xFF) << 8) | (wire[offset + 1] & 0xFF);
    }

    /** Returns the offset just past the name at {@code pos}; a compression pointer ends a name. */
    static int skipName(byte[] wire, int pos) {
        // A name is at most 255 bytes, so at most 128 labels; the bound keeps junk from looping.
        for (int labels = 0; labels < 128; labels++) {
            need(wire, pos, 1);
            int len = wire[pos] & 0xFF;
            switch (len & 0xC0) {
                case 0x00:
                    if (len == 0) {
                        return pos + 1;
                    }
                    need(wire, pos, 1 + len);
                    pos += 1 + len;
                    break;
                case 0xC0:
                    need(wire, pos, 2);
                    return pos + 2;
                default:
                    throw new IllegalArgumentException("unknown label type 0x" + Integer.toHexString(len) + " at " + pos);
            }
        }
        throw new IllegalArgumentException("name with more than 127 labels at " + pos);
    }

    private static void need(byte[] wire, int pos, int bytes) {
        if (pos + bytes > wire.length) {
            throw new IllegalArgumentException("message ends at " + wire.length + ", needed " + (pos + bytes));
        }
    }
}
