package org.hearth.gateway.dns;

import java.io.IOException;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Edns;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Finishes an {@link Answer} for one client, as its javadoc requires: the client's ID, RD and CD
 * bits and question bytes written over the stage's, an OPT record when the client sent one (with
 * the EDE option), and truncation to what the client can take. Works on bytes: the cached answer
 * array is copied once and never parsed on the usual path.
 */
final class AnswerEncoder {

    private static final byte[] NO_OPT = new byte[0];

    private AnswerEncoder() {}

    /**
     * @param maxSize the most bytes the client takes (its UDP size, or 65535 over TCP); a bigger
     *     answer is sent as header, question and OPT with TC set, so the client retries over TCP
     * @throws MalformedMessageException when the stage's bytes are not a DNS message
     */
    static byte[] encode(Decoded.Query query, Answer answer, int maxSize) {
        byte[] m = answer.message();
        byte[] question = query.question();
        if (!sameQuestion(m, question)) {
            // The stage answered another question (or none): splicing the client's in would move
            // or rename compression targets, so rebuild once with dnsjava.
            m = withQuestion(m, question);
        }
        int questionEnd = DnsWire.HEADER + question.length;
        int anCount = DnsWire.u16(m, 6);
        int nsCount = DnsWire.u16(m, 8);
        int arCount = DnsWire.u16(m, 10);
        int total = anCount + nsCount + arCount;

        // The records, leaving out any OPT a stage let through: the client gets ours only. Measured
        // first and copied straight into the answer (one array per answer, not two).
        int length = 0;
        int kept = 0;
        int p = questionEnd;
        for (int i = 0; i < total; i++) {
            int start = p;
            p = DnsWire.skipRecord(m, p);
            if (!strippedOpt(m, start, i, anCount + nsCount)) {
                length += p - start;
                kept++;
            }
        }
        arCount = kept - anCount - nsCount;

        Edns edns = query.context().edns();
        byte[] opt = edns == null ? NO_OPT : OptRecord.encode(0, edns.dnssecOk(), answer.extendedError());
        int flags = (DnsWire.u16(m, 2) & ~(DnsWire.RD | DnsWire.CD)) | (query.flags() & (DnsWire.RD | DnsWire.CD));
        boolean fits = DnsWire.HEADER + question.length + length + opt.length <= maxSize;
        if (!fits) {
            flags |= DnsWire.TC;
            length = 0;
            anCount = 0;
            nsCount = 0;
            arCount = 0;
        }
        byte[] out = new byte[DnsWire.HEADER + question.length + length + opt.length];
        DnsWire.put16(out, 0, query.context().id());
        DnsWire.put16(out, 2, flags);
        DnsWire.put16(out, 4, 1);
        DnsWire.put16(out, 6, anCount);
        DnsWire.put16(out, 8, nsCount);
        DnsWire.put16(out, 10, arCount + (edns == null ? 0 : 1));
        System.arraycopy(question, 0, out, DnsWire.HEADER, question.length);
        if (length == p - questionEnd) {
            System.arraycopy(m, questionEnd, out, questionEnd, length);
        } else {
            copyRecordsWithoutOpt(m, questionEnd, total, anCount + nsCount, out, questionEnd, length);
        }
        System.arraycopy(opt, 0, out, questionEnd + length, opt.length);
        return out;
    }

    private static boolean strippedOpt(byte[] m, int start, int index, int firstAdditional) {
        return index >= firstAdditional && DnsWire.recordType(m, start) == DnsWire.TYPE_OPT;
    }

    /** Copies up to {@code length} bytes of records, skipping OPT records in the additional section. */
    private static void copyRecordsWithoutOpt(byte[] m, int from, int total, int firstAdditional, byte[] out,
            int to, int length) {
        int p = from;
        int end = to + length;
        for (int i = 0; i < total && to < end; i++) {
            int start = p;
            p = DnsWire.skipRecord(m, p);
            if (!strippedOpt(m, start, i, firstAdditional)) {
                System.arraycopy(m, start, out, to, p - start);
                to += p - start;
            }
        }
    }

    /**
     * Whether the message's one question is the client's, ignoring ASCII case (RFC 4343): then the
     * client's bytes can replace it in place, every compression pointer still landing on the same name.
     */
    static boolean sameQuestion(byte[] m, byte[] question) {
        if (DnsWire.u16(m, 4) != 1 || DnsWire.skipQuestion(m, DnsWire.HEADER) - DnsWire.HEADER != question.length) {
            return false;
        }
        return DnsWire.sameQuestion(m, DnsWire.HEADER, question, 0, question.length);
    }

    /** Whether an encoded answer has TC set: for counting truncations. */
    static boolean truncated(byte[] encoded) {
        return (DnsWire.u16(encoded, 2) & DnsWire.TC) != 0;
    }

    /** The stage's message re-serialised with the client's question, so both have the same length. */
    private static byte[] withQuestion(byte[] m, byte[] question) {
        try {
            Message message = new Message(m);
            DNSInput in = new DNSInput(question);
            Name name = new Name(in);
            Record q = Record.newRecord(name, in.readU16(), in.readU16());
            message.removeAllRecords(Section.QUESTION);
            message.addRecord(q, Section.QUESTION);
            OPTRecord opt = message.getOPT();
            if (opt != null) {
                message.removeRecord(opt, Section.ADDITIONAL);
            }
            return message.toWire();
        } catch (IOException | RuntimeException e) {
            throw new MalformedMessageException("stage answer is not a DNS message: " + e.getMessage(), e);
        }
    }
}
