package org.hearth.gateway.query;

/**
 * Writes the small responses the gateway makes itself straight into DNS wire format (RFC 1035
 * section 4.1), without dnsjava: header, the question, and at most one record whose owner is the
 * question's name, written as a compression pointer to offset 12. {@code Responses.build} does the
 * same through a dnsjava {@code Message}, at several times the cost; this is for blocked answers,
 * which a list-heavy network asks for thousands of times a second.
 *
 * <p>The output meets {@link Answer}'s contract: QR and RA set, no OPT, ID 0. Because the owner is
 * a pointer to the question, the edge's splice of the client's question bytes (same length, case
 * aside) leaves the record pointing at the right name.
 */
public final class WireResponse {

    private static final int HEADER = 12;
    private static final int QR_RA = 0x8080;
    /** Owner name of every record: a pointer to the question name at offset 12. */
    private static final int OWNER_POINTER = 0xc00c;
    private static final int MAX_NAME = 255;
    private static final int MAX_LABEL = 63;

    private WireResponse() {}

    /**
     * A response with the question and, when {@code rdata} is not null, one record of {@code type}
     * in the answer section ({@code authority} false) or the authority section. The question's name
     * is written straight into the response, not made apart and copied (a fifth of a blocked
     * answer's bytes were its three arrays: gateway/PERF.md).
     *
     * @return the response, or null when the question's name cannot be written here: a name with
     *     escapes ({@code \.}, {@code \032}), which dnsjava writes for bytes that are not plain
     *     printable ASCII, an empty label or one over 63 bytes, or a name over 255. Callers fall
     *     back to dnsjava then.
     */
    public static byte[] build(Question question, int rcode, int type, int dclass, long ttl, byte[] rdata,
            boolean authority) {
        String asked = question.asked();
        int nameLength = asked.isEmpty() ? 1 : asked.length() + 2;
        if (nameLength > MAX_NAME) {
            return null;
        }
        int questionEnd = HEADER + nameLength + 4;
        int recordLength = rdata == null ? 0 : 12 + rdata.length;
        byte[] out = new byte[questionEnd + recordLength];
        if (!writeName(asked, out, HEADER)) {
            return null;
        }
        put16(out, 2, QR_RA | (rcode & 0xf));
        put16(out, 4, 1);
        if (rdata != null) {
            put16(out, authority ? 8 : 6, 1);
        }
        put16(out, HEADER + nameLength, question.type());
        put16(out, HEADER + nameLength + 2, question.dclass());
        if (rdata != null) {
            int p = questionEnd;
            put16(out, p, OWNER_POINTER);
            put16(out, p + 2, type);
            put16(out, p + 4, dclass);
            put32(out, p + 6, ttl);
            put16(out, p + 10, rdata.length);
            System.arraycopy(rdata, 0, out, p + 12, rdata.length);
        }
        return out;
    }

    /** Writes the text name as labels and the root byte at {@code at}; false if it cannot be. */
    private static boolean writeName(String asked, byte[] out, int at) {
        int n = asked.length();
        int lengthAt = at;
        for (int i = 0; i < n; i++) {
            char c = asked.charAt(i);
            if (c == '\\' || c > 0x7e || c < 0x21) {
                return false;
            }
            if (c == '.') {
                if (!closeLabel(out, lengthAt, at + i + 1)) {
                    return false;
                }
                lengthAt = at + i + 1;
            } else {
                out[at + i + 1] = (byte) c;
            }
        }
        if (n > 0 && !closeLabel(out, lengthAt, at + n + 1)) {
            return false;
        }
        out[at + (n == 0 ? 0 : n + 1)] = 0;
        return true;
    }

    /** Writes the length byte of the label that started at {@code lengthAt} and ends before {@code end}. */
    private static boolean closeLabel(byte[] out, int lengthAt, int end) {
        int length = end - lengthAt - 1;
        if (length < 1 || length > MAX_LABEL) {
            return false;
        }
        out[lengthAt] = (byte) length;
        return true;
    }

    static void put16(byte[] m, int at, int value) {
        m[at] = (byte) (value >>> 8);
        m[at + 1] = (byte) value;
    }

    static void put32(byte[] m, int at, long value) {
        m[at] = (byte) (value >>> 24);
        m[at + 1] = (byte) (value >>> 16);
        m[at + 2] = (byte) (value >>> 8);
        m[at + 3] = (byte) value;
    }
}
