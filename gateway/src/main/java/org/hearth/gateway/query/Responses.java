package org.hearth.gateway.query;

import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * Builds the response bytes of answers the gateway makes itself (errors, blocks, local names), in
 * the form {@link Answer} expects: QR and RA set, no OPT record. Not for the hot path of forwarded
 * answers, which stay in wire format.
 */
public final class Responses {

    private Responses() {}

    /** A response with only the question and this rcode: SERVFAIL, REFUSED, NXDOMAIN, NODATA. */
    public static byte[] rcode(Question question, int rcode) {
        return build(question, rcode, List.of(), List.of());
    }

    /** A response carrying these answer and authority records. */
    public static byte[] build(Question question, int rcode, List<Record> answers, List<Record> authority) {
        Message message = new Message(0);
        message.getHeader().setFlag(Flags.QR);
        message.getHeader().setFlag(Flags.RA);
        message.getHeader().setRcode(rcode);
        message.addRecord(Record.newRecord(name(question), question.type(), question.dclass()), Section.QUESTION);
        for (Record r : answers) {
            message.addRecord(r, Section.ANSWER);
        }
        for (Record r : authority) {
            message.addRecord(r, Section.AUTHORITY);
        }
        return message.toWire();
    }

    public static Answer servfail(Question question) {
        return new Answer(rcode(question, Rcode.SERVFAIL), Answer.Source.ERROR);
    }

    /** The question's name as an absolute dnsjava {@link Name}. */
    public static Name name(Question question) {
        try {
            return Name.fromString(question.asked().isEmpty() ? "." : question.asked(), Name.root);
        } catch (TextParseException e) {
            // Questions are built from names that were parsed from the wire or validated at the edge.
            throw new IllegalArgumentException("not a DNS name: " + question.asked(), e);
        }
    }

}
