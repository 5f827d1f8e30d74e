package org.hearth.gateway.dns.upstream;

import org.hearth.gateway.dns.DnsWire;
import org.hearth.gateway.dns.MalformedMessageException;

/**
 * Decides whether reply bytes answer our query: same ID, QR set, same question (name compared
 * case-insensitively, type, class). RFC 5452 §9.1: anything else is not an answer and is ignored.
 */
final class ReplyCheck {

    private static final int NOERROR = 0;
    private static final int NXDOMAIN = 3;

    private final int id;
    /** Our query's bytes: its question is compared in place, from offset 12. */
    private final byte[] query;
    private final int questionEnd;
    private final UpstreamCounters counters;

    ReplyCheck(byte[] query, UpstreamCounters counters) {
        this.id = DnsWire.u16(query, 0);
        this.query = query;
        this.questionEnd = DnsWire.skipQuestion(query, DnsWire.HEADER);
        this.counters = counters;
    }

    /**
     * @return the walked reply, or null when it is not ours (counted; keep waiting)
     * @throws UpstreamGarbageException when it carries our ID but does not walk as a DNS message
     */
    ReplyWire check(byte[] reply) {
        if (reply.length < DnsWire.HEADER) {
            counters.unreadable.increment();
            return null;
        }
        if (DnsWire.u16(reply, 0) != id || (DnsWire.u16(reply, 2) & DnsWire.QR) == 0) {
            counters.wrongId.increment();
            return null;
        }
        ReplyWire message;
        try {
            message = ReplyWire.walk(reply);
        } catch (MalformedMessageException e) {
            counters.unreadable.increment();
            throw new UpstreamGarbageException("unreadable reply (" + reply.length + " bytes): " + e.getMessage(), e);
        }
        if (message.questionCount() == 0) {
            // Some servers drop the question from error replies; an error fails over anyway.
            if (message.rcode() != NOERROR && message.rcode() != NXDOMAIN) {
                return message;
            }
            counters.wrongQuestion.increment();
            return null;
        }
        if (!sameQuestion(reply, message.questionEnd())) {
            counters.wrongQuestion.increment();
            return null;
        }
        return message;
    }

    /**
     * The reply's first question against ours, in place. A compression pointer in the first
     * question cannot point back to any name, so the walk has refused it already.
     */
    private boolean sameQuestion(byte[] reply, int replyQuestionEnd) {
        int length = questionEnd - DnsWire.HEADER;
        return replyQuestionEnd - DnsWire.HEADER == length
                && DnsWire.sameQuestion(reply, DnsWire.HEADER, query, DnsWire.HEADER, length);
    }
}
