package org.hearth.gateway.dns.upstream;

import java.io.IOException;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * Decides whether reply bytes answer our query: same ID, QR set, same question (name compared
 * case-insensitively, type, class). RFC 5452 §9.1: anything else is not an answer and is ignored.
 */
final class ReplyCheck {

    private final int id;
    private final Record question;
    private final UpstreamCounters counters;

    ReplyCheck(Message query, UpstreamCounters counters) {
        this.id = query.getHeader().getID();
        this.question = query.getQuestion();
        this.counters = counters;
    }

    /**
     * @return the parsed reply, or null when it is not ours (counted; keep waiting)
     * @throws UpstreamGarbageException when it carries our ID but cannot be parsed
     */
    Message check(byte[] reply) {
        if (reply.length < 12) {
            counters.unreadable.increment();
            return null;
        }
        int replyId = ((reply[0] & 0xFF) << 8) | (reply[1] & 0xFF);
        if (replyId != id || (reply[2] & 0x80) == 0) {
            counters.wrongId.increment();
            return null;
        }
        Message message;
        try {
            message = new Message(reply);
        } catch (IOException | RuntimeException e) {
            counters.unreadable.increment();
            throw new UpstreamGarbageException("unreadable reply (" + reply.length + " bytes): " + e.getMessage(), e);
        }
        Record asked = message.getQuestion();
        if (asked == null) {
            // Some servers drop the question from error replies; an error fails over anyway.
            if (message.getRcode() != Rcode.NOERROR && message.getRcode() != Rcode.NXDOMAIN) {
                return message;
            }
            counters.wrongQuestion.increment();
            return null;
        }
        if (!asked.getName().equals(question.getName()) || asked.getType() != question.getType()
                || asked.getDClass() != question.getDClass()) {
            counters.wrongQuestion.increment();
            return null;
        }
        return message;
    }

    static boolean truncated(Message reply) {
        return reply.getHeader().getFlag(Flags.TC);
    }
}
