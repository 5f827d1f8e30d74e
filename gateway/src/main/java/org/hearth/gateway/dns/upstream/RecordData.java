package org.hearth.gateway.dns.upstream;

import org.hearth.gateway.dns.DnsWire;
import org.hearth.gateway.dns.MalformedMessageException;

/**
 * Checks names, and the data of the record types nearly every answer is made of, the way a
 * client's parser reads them: a reply goes to the client as received, so what it could not read
 * must not pass. Types not known here are left to the caller, which has dnsjava read the message.
 */
final class RecordData {

    private static final int MAX_NAME = 255;

    private RecordData() {}

    /**
     * Checks the name at {@code at}, following its compression pointers: known label types,
     * pointers that point back (RFC 1035 §4.1.4) to a name that ends before the pointer, at most
     * 255 bytes in all. Every pointer points back and every label lengthens the name, so the walk
     * ends even on a pointer cycle; and a name never reads past the reply's last record, which is
     * where the client's copy ends.
     *
     * @param limit where the name as written must end (the record's data, or the message)
     * @return the offset just past the name as written at {@code at}
     * @throws MalformedMessageException naming what is wrong and where
     */
    static int name(byte[] wire, int at, int limit) {
        int p = at;
        int end = -1;
        int length = 1; // the root's byte
        while (true) {
            if (p >= limit) {
                throw new MalformedMessageException("name runs past its end at byte " + p);
            }
            int len = wire[p] & 0xff;
            if (len == 0) {
                return end < 0 ? p + 1 : end;
            }
            if ((len & 0xc0) == 0xc0) {
                if (p + 2 > limit) {
                    throw new MalformedMessageException("truncated compression pointer at byte " + p);
                }
                int target = (len & 0x3f) << 8 | (wire[p + 1] & 0xff);
                if (target >= p || target < DnsWire.HEADER) {
                    // Into the header: those bytes are the edge's to rewrite (ID, flags, counts),
                    // so the client would read another name than the one checked here.
                    throw new MalformedMessageException("compression pointer at byte " + p
                            + (target >= p ? " does not point back" : " points into the header"));
                }
                if (end < 0) {
                    end = p + 2;
                }
                limit = p; // a prior occurrence ends before the pointer to it
                p = target;
                continue;
            }
            if ((len & 0xc0) != 0) {
                throw new MalformedMessageException("unknown label type at byte " + p);
            }
            length += 1 + len;
            if (length > MAX_NAME) {
                throw new MalformedMessageException("name longer than 255 bytes at byte " + at);
            }
            p += 1 + len;
        }
    }

    /**
     * Checks the data of a record of {@code type} at {@code from} to {@code to}.
     *
     * @return false when the type is not one checked here
     * @throws MalformedMessageException when the data is not laid out as its type says
     */
    static boolean check(byte[] wire, int type, int dclass, int from, int to) {
        switch (type) {
            case 1, 28 -> { // A, AAAA
                if (dclass != 1) {
                    return false;
                }
                fits(to - from == (type == 1 ? 4 : 16), type, from);
            }
            case 2, 3, 4, 5, 7, 8, 9, 12, 39 -> // NS, MD, MF, CNAME, MB, MG, MR, PTR, DNAME
                    fits(name(wire, from, to) == to, type, from);
            case 15, 18, 21, 36 -> // MX, AFSDB, RT, KX: a 16-bit number, then a name
                    fits(to - from > 2 && name(wire, from + 2, to) == to, type, from);
            case 33 -> // SRV: priority, weight, port, target
                    fits(to - from > 6 && name(wire, from + 6, to) == to, type, from);
            case 6 -> { // SOA: two names and five 32-bit numbers
                int rnameAt = name(wire, from, to);
                fits(name(wire, rnameAt, to) + 20 == to, type, from);
            }
            case 16 -> { // TXT: character-strings, each its length and bytes, filling the data
                int p = from;
                while (p < to) {
                    p += 1 + (wire[p] & 0xff);
                }
                fits(p == to, type, from);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void fits(boolean fits, int type, int at) {
        if (!fits) {
            throw new MalformedMessageException("data of a type " + type + " record does not fit it at byte " + at);
        }
    }
}
