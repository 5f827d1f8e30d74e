package org.hearth.gateway.resolve;

import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Responses;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What is asked upstream for one client question: the question and the two bits that change the
 * answer. Each attempt is encoded afresh with its own random ID.
 */
public record UpstreamQuery(Question question, boolean dnssecOk, boolean checkingDisabled) {

    /** RFC 9715 / DNS Flag Day 2020: a UDP size that avoids IP fragmentation on any path. */
    public static final int EDNS_UDP_SIZE = 1232;

    public static UpstreamQuery of(QueryContext query) {
        return new UpstreamQuery(query.question(), query.dnssecOk(), query.checkingDisabled());
    }

    /** RD set, CD and DO as the client sent them, EDNS0 advertising {@link #EDNS_UDP_SIZE}. */
    Message encode(int id) {
        Message message = new Message(id);
        message.getHeader().setFlag(Flags.RD);
        if (checkingDisabled) {
            message.getHeader().setFlag(Flags.CD);
        }
        message.addRecord(Record.newRecord(Responses.name(question), question.type(), question.dclass()),
                Section.QUESTION);
        message.addRecord(new OPTRecord(EDNS_UDP_SIZE, 0, 0, dnssecOk ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
        return message;
    }
}
