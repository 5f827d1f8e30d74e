package org.hearth.gateway.dns.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hearth.gateway.dns.DnsWire;
import org.hearth.gateway.dns.MalformedMessageException;
import org.hearth.gateway.query.Answer;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;

/**
 * An upstream reply's bytes, walked once without decoding a name (RFC 1035 §4.1): what a forwarder
 * needs to judge and pass on a reply, at the cost of a few offsets. Parsing every record into
 * dnsjava objects cost about half of what a forwarded question allocated, and the client gets the
 * bytes anyway.
 *
 * <p>The client gets these bytes, so the walk refuses what a client's parser could not read, as
 * parsing with dnsjava did: every name with its pointers followed, every record's length, the data
 * of the usual types ({@link RecordData}; for other types dnsjava reads the message), at most one
 * OPT record, owned by the root, with well-formed options (RFC 6891 §6.1.1). Bytes after the last
 * record are ignored, as a parser would.
 *
 * @param wire the reply as received; not copied, not to be modified
 * @param rcode the whole response code: the header's four bits and the OPT record's upper eight
 *     (RFC 6891 §6.1.3)
 * @param questionEnd offset just past the first question, or 0 when there is none
 * @param optStart offset of the OPT record, or -1 when there is none
 * @param optEnd offset just past the OPT record, or -1
 * @param end offset just past the last record
 */
public record ReplyWire(byte[] wire, int rcode, int questionEnd, int optStart, int optEnd, int end) {

    private static final int OPTION_EDE = 15;

    /**
     * Walks {@code wire}.
     *
     * @throws MalformedMessageException naming what does not walk
     */
    public static ReplyWire walk(byte[] wire) {
        if (wire.length < DnsWire.HEADER) {
            throw new MalformedMessageException("shorter than a DNS header: " + wire.length + " bytes");
        }
        int questions = DnsWire.u16(wire, 4);
        boolean truncated = (DnsWire.u16(wire, 2) & DnsWire.TC) != 0;
        // A truncated reply only sends us to TCP, so only its question is read: past it the
        // records may be cut anywhere (a parser reading TC skips what it cannot read, too).
        int records = truncated ? 0 : DnsWire.u16(wire, 6) + DnsWire.u16(wire, 8) + DnsWire.u16(wire, 10);
        int p = DnsWire.HEADER;
        int questionEnd = 0;
        for (int i = 0; i < (truncated ? Math.min(questions, 1) : questions); i++) {
            p = RecordData.name(wire, p, wire.length) + 4;
            if (p > wire.length) {
                throw new MalformedMessageException("truncated question");
            }
            if (i == 0) {
                questionEnd = p;
            }
        }
        int optStart = -1;
        int optEnd = -1;
        boolean allChecked = true;
        for (int i = 0; i < records; i++) {
            int start = p;
            int fixed = RecordData.name(wire, p, wire.length);
            if (fixed + 10 > wire.length) {
                throw new MalformedMessageException("truncated record header at byte " + fixed);
            }
            int type = DnsWire.u16(wire, fixed);
            p = fixed + 10 + DnsWire.u16(wire, fixed + 8);
            if (p > wire.length) {
                throw new MalformedMessageException("record data runs past the end at byte " + fixed);
            }
            if (type == DnsWire.TYPE_OPT) {
                if (optStart >= 0 || i < records - DnsWire.u16(wire, 10)) {
                    throw new MalformedMessageException(optStart >= 0 ? "more than one OPT record"
                            : "OPT record outside the additional section");
                }
                if (wire[start] != 0) {
                    throw new MalformedMessageException("OPT record not owned by the root");
                }
                checkOptions(wire, fixed + 10, p);
                optStart = start;
                optEnd = p;
            } else if (!RecordData.check(wire, type, DnsWire.u16(wire, fixed + 2), fixed + 10, p)) {
                allChecked = false;
            }
        }
        int rcode = (wire[3] & 0x0F) | (optStart < 0 ? 0 : (wire[optStart + 5] & 0xFF) << 4);
        ReplyWire walked = new ReplyWire(wire, rcode, questionEnd, optStart, optEnd, p);
        if (!allChecked || walked.optInTheMiddle()) {
            // Types not checked here, and an OPT that withoutOpt() leaves to dnsjava: what dnsjava
            // will read (the client's copy, or the message it writes again) must be readable.
            readableByDnsjava(walked.optInTheMiddle() ? wire : walked.withoutOpt());
        }
        return walked;
    }

    /**
     * For the record types {@link RecordData} does not know (HTTPS, DNSSEC's, CAA, ...), whose
     * layouts are many: dnsjava reads the client's copy as a client's parser would, or it is refused.
     */
    private static Message readableByDnsjava(byte[] wire) {
        try {
            return new Message(wire);
        } catch (IOException | RuntimeException e) {
            throw new MalformedMessageException("dnsjava cannot read it: " + e.getMessage(), e);
        }
    }

    /** An OPT record with records after it: cutting it out would move what their pointers point at. */
    private boolean optInTheMiddle() {
        return optStart >= 0 && optEnd != end;
    }

    public int id() {
        return DnsWire.u16(wire, 0);
    }

    public boolean truncated() {
        return (DnsWire.u16(wire, 2) & DnsWire.TC) != 0;
    }

    public int questionCount() {
        return DnsWire.u16(wire, 4);
    }

    /**
     * The reply as {@link Answer} wants it: without its OPT record (the edge adds its own) and
     * without bytes after the last record; {@link #wire} itself when it has neither.
     */
    public byte[] withoutOpt() {
        if (optStart < 0 && end == wire.length) {
            return wire;
        }
        if (optInTheMiddle()) {
            // Servers put the OPT last, so this is rare: dnsjava writes the message again without it.
            Message message = readableByDnsjava(wire);
            message.removeRecord(message.getOPT(), Section.ADDITIONAL);
            return message.toWire();
        }
        int optLength = optStart < 0 ? 0 : optEnd - optStart;
        byte[] out = new byte[end - optLength];
        if (optStart < 0) {
            System.arraycopy(wire, 0, out, 0, end);
            return out;
        }
        System.arraycopy(wire, 0, out, 0, optStart);
        System.arraycopy(wire, optEnd, out, optStart, end - optEnd);
        DnsWire.put16(out, 10, DnsWire.u16(wire, 10) - 1);
        return out;
    }

    /**
     * The reply's first Extended DNS Error (RFC 8914), or null: a filtering upstream says "Blocked"
     * or "Filtered" this way, and a validating one why it failed. No text reads as "".
     */
    public Answer.ExtendedError extendedError() {
        if (optStart < 0) {
            return null;
        }
        for (int p = optStart + 11; p < optEnd; p += 4 + DnsWire.u16(wire, p + 2)) {
            int length = DnsWire.u16(wire, p + 2);
            if (DnsWire.u16(wire, p) == OPTION_EDE) {
                int textLength = length - 2;
                if (textLength > 0 && wire[p + 6 + textLength - 1] == 0) {
                    textLength--; // a NUL some servers end the text with, which dnsjava drops too
                }
                String text = new String(wire, p + 6, textLength, StandardCharsets.UTF_8);
                return new Answer.ExtendedError(DnsWire.u16(wire, p + 4), text);
            }
        }
        return null;
    }

    /** RFC 6891 §6.1.2: the OPT data is a sequence of options, each exactly as long as it says. */
    private static void checkOptions(byte[] wire, int from, int to) {
        int p = from;
        while (p < to) {
            if (p + 4 > to) {
                throw new MalformedMessageException("truncated EDNS option at byte " + p);
            }
            if (DnsWire.u16(wire, p) == OPTION_EDE && DnsWire.u16(wire, p + 2) < 2) {
                throw new MalformedMessageException("Extended DNS Error without its code at byte " + p);
            }
            p += 4 + DnsWire.u16(wire, p + 2);
        }
        if (p != to) {
            throw new MalformedMessageException("EDNS option runs past its OPT record at byte " + from);
        }
    }
}
