package org.hearth.gateway.resolve;

/**
 * An upstream's reply as {@link org.hearth.gateway.query.Answer} wants it, made from the bytes as
 * received: the same message without its OPT record (the edge adds its own) and without anything
 * after the last record. Re-serialising the parsed dnsjava {@code Message} did the same at the cost
 * of a compression table and a fresh encoding of every record, on every miss.
 */
final class ReplyBytes {

    private static final int HEADER = 12;
    private static final int TYPE_OPT = 41;

    private ReplyBytes() {}

    /**
     * The reply without OPT records and trailing bytes; {@code wire} itself when it has neither.
     *
     * @throws IllegalArgumentException when the bytes do not walk as a DNS message
     */
    static byte[] withoutOpt(byte[] wire) {
        if (wire.length < HEADER) {
            throw new IllegalArgumentException("shorter than a DNS header: " + wire.length + " bytes");
        }
        int questions = WireLayout.u16(wire, 4);
        int kept = WireLayout.u16(wire, 6) + WireLayout.u16(wire, 8);
        int additional = WireLayout.u16(wire, 10);
        int p = HEADER;
        for (int i = 0; i < questions; i++) {
            p = need(wire, WireLayout.skipName(wire, p) + 4);
        }
        for (int i = 0; i < kept; i++) {
            p = skipRecord(wire, p);
        }
        int optStart = -1;
        int optEnd = -1;
        for (int i = 0; i < additional; i++) {
            int start = p;
            p = skipRecord(wire, p);
            if (WireLayout.u16(wire, WireLayout.skipName(wire, start)) == TYPE_OPT) {
                if (optStart >= 0) {
                    throw new IllegalArgumentException("more than one OPT record");
                }
                optStart = start;
                optEnd = p;
            }
        }
        if (optStart < 0 && p == wire.length) {
            return wire;
        }
        int optLength = optStart < 0 ? 0 : optEnd - optStart;
        byte[] out = new byte[p - optLength];
        if (optStart < 0) {
            System.arraycopy(wire, 0, out, 0, p);
            return out;
        }
        System.arraycopy(wire, 0, out, 0, optStart);
        System.arraycopy(wire, optEnd, out, optStart, p - optEnd);
        WireLayout.putU16(out, 10, additional - 1);
        return out;
    }

    private static int skipRecord(byte[] wire, int at) {
        int fixed = need(wire, WireLayout.skipName(wire, at) + 10);
        return need(wire, fixed + WireLayout.u16(wire, fixed - 2));
    }

    private static int need(byte[] wire, int end) {
        if (end > wire.length) {
            throw new IllegalArgumentException("message ends at " + wire.length + ", needed " + end);
        }
        return end;
    }
}
