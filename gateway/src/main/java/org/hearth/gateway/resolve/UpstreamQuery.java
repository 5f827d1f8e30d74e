package org.hearth.gateway.resolve;

import org.hearth.gateway.dns.DnsWire;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * What is asked upstream for one client question: the question and the two bits that change the
 * answer. Each attempt is encoded afresh with its own random ID.
 */
public record UpstreamQuery(Question question, boolean dnssecOk, boolean checkingDisabled) {

    /** RFC 9715 / DNS Flag Day 2020: a UDP size that avoids IP fragmentation on any path. */
    public static final int EDNS_UDP_SIZE = 1232;
    private static final int MAX_NAME = 255;
    private static final int MAX_LABEL = 63;
    /** The OPT record: root owner, type, UDP size, extended rcode, version, flags, no data. */
    private static final int OPT_LENGTH = 11;
    private static final int DO = 0x8000;

    public static UpstreamQuery of(QueryContext query) {
        return new UpstreamQuery(query.question(), query.dnssecOk(), query.checkingDisabled());
    }

    /**
     * The query in wire format: RD set, CD and DO as the client sent them, EDNS0 advertising
     * {@link #EDNS_UDP_SIZE}. Written directly: building a dnsjava {@code Message} for it was a
     * quarter of what a forwarded question allocated.
     */
    byte[] encode(int id) {
        byte[] name = nameWire(question.asked());
        byte[] out = new byte[DnsWire.HEADER + name.length + 4 + OPT_LENGTH];
        DnsWire.put16(out, 0, id);
        DnsWire.put16(out, 2, DnsWire.RD | (checkingDisabled ? DnsWire.CD : 0));
        DnsWire.put16(out, 4, 1);
        DnsWire.put16(out, 10, 1);
        System.arraycopy(name, 0, out, DnsWire.HEADER, name.length);
        int p = DnsWire.HEADER + name.length;
        DnsWire.put16(out, p, question.type());
        DnsWire.put16(out, p + 2, question.dclass());
        p += 4;
        out[p] = 0; // the root owns the OPT record
        DnsWire.put16(out, p + 1, DnsWire.TYPE_OPT);
        DnsWire.put16(out, p + 3, EDNS_UDP_SIZE);
        DnsWire.put16(out, p + 7, dnssecOk ? DO : 0);
        return out;
    }

    /**
     * The name's wire form with the client's case. Names the decoder read straight from a packet
     * are plain text (no escapes, labels of 1 to 63 bytes) and are written here; anything else,
     * an escape or an odd length, goes through dnsjava, which knows every escape and says what is wrong.
     */
    static byte[] nameWire(String text) {
        int length = text.length();
        if (length == 0) {
            return new byte[] {0};
        }
        if (length + 2 > MAX_NAME || text.indexOf('\\') >= 0) {
            return viaDnsjava(text);
        }
        byte[] out = new byte[length + 2];
        int labelStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || text.charAt(i) == '.') {
                int label = i - labelStart;
                if (label == 0 || label > MAX_LABEL) {
                    return viaDnsjava(text);
                }
                out[labelStart] = (byte) label;
                labelStart = i + 1;
            } else {
                char c = text.charAt(i);
                if (c > 0x7e || c <= 0x20) {
                    return viaDnsjava(text);
                }
                out[i + 1] = (byte) c;
            }
        }
        out[length + 1] = 0;
        return out;
    }

    /** The text as dnsjava reads a name: every escape, "x\\." a label ending in a dot. */
    private static byte[] viaDnsjava(String text) {
        try {
            return Name.fromString(text, Name.root).toWire();
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + text, e);
        }
    }
}
