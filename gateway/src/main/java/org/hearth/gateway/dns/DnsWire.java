package org.hearth.gateway.dns;

/**
 * Walks DNS wire format without building objects (RFC 1035 §4.1): enough to find where the
 * question ends and where each record starts. Every method bounds-checks and throws
 * {@link MalformedMessageException} rather than reading past the end.
 */
public final class DnsWire {

    public static final int HEADER = 12;
    public static final int TYPE_OPT = 41;
    /** Bit masks in the second 16-bit word of the header. */
    public static final int QR = 0x8000;
    public static final int TC = 0x0200;
    public static final int RD = 0x0100;
    public static final int CD = 0x0010;

    private DnsWire() {}

    public static int u16(byte[] m, int at) {
        if (at + 2 > m.length) {
            throw new MalformedMessageException("truncated at byte " + at);
        }
        return ((m[at] & 0xff) << 8) | (m[at + 1] & 0xff);
    }

    public static void put16(byte[] m, int at, int value) {
        m[at] = (byte) (value >>> 8);
        m[at + 1] = (byte) value;
    }

    /** Offset just past the name starting at {@code at}; a compression pointer ends the name in place. */
    public static int skipName(byte[] m, int at) {
        int p = at;
        // A name is at most 255 bytes, so at most 128 labels; the bound also stops garbage loops.
        for (int labels = 0; labels < 128; labels++) {
            if (p >= m.length) {
                throw new MalformedMessageException("name runs past the end at byte " + p);
            }
            int len = m[p] & 0xff;
            if (len == 0) {
                return p + 1;
            }
            if ((len & 0xc0) == 0xc0) {
                if (p + 2 > m.length) {
                    throw new MalformedMessageException("truncated compression pointer at byte " + p);
                }
                // RFC 1035 §4.1.4: a pointer names a prior occurrence; one pointing at itself or
                // ahead could loop whoever follows it.
                if (((len & 0x3f) << 8 | (m[p + 1] & 0xff)) >= p) {
                    throw new MalformedMessageException("compression pointer at byte " + p + " does not point back");
                }
                return p + 2;
            }
            if ((len & 0xc0) != 0) {
                throw new MalformedMessageException("unknown label type at byte " + p);
            }
            p += 1 + len;
        }
        throw new MalformedMessageException("name too long at byte " + at);
    }

    /** Offset just past the question entry (name, type, class) starting at {@code at}. */
    public static int skipQuestion(byte[] m, int at) {
        int end = skipName(m, at) + 4;
        if (end > m.length) {
            throw new MalformedMessageException("truncated question");
        }
        return end;
    }

    /** Offset just past the resource record starting at {@code at}. */
    public static int skipRecord(byte[] m, int at) {
        int fixed = skipName(m, at);
        if (fixed + 10 > m.length) {
            throw new MalformedMessageException("truncated record header at byte " + fixed);
        }
        int end = fixed + 10 + u16(m, fixed + 8);
        if (end > m.length) {
            throw new MalformedMessageException("record data runs past the end at byte " + fixed);
        }
        return end;
    }

    /**
     * Whether the questions (name, type, class; {@code length} bytes each) at {@code aAt} and
     * {@code bAt} are the same: the name's ASCII letters without case (RFC 4343; label lengths,
     * at most 63, sit below every letter, so they compare exactly), type and class exactly.
     */
    public static boolean sameQuestion(byte[] a, int aAt, byte[] b, int bAt, int length) {
        int name = length - 4;
        for (int i = 0; i < name; i++) {
            if (lower(a[aAt + i]) != lower(b[bAt + i])) {
                return false;
            }
        }
        for (int i = name; i < length; i++) {
            if (a[aAt + i] != b[bAt + i]) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** The type of the record starting at {@code at}. */
    public static int recordType(byte[] m, int at) {
        return u16(m, skipName(m, at));
    }
}
