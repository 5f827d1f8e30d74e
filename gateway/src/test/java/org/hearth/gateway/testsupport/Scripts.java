package org.hearth.gateway.testsupport;

import java.util.function.Function;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** Ready-made {@link ScriptedUpstream.Script}s for the usual cases; compose them for the rest. */
public final class Scripts {

    private Scripts() {}

    /** Answers every query with the message {@code answer} builds from it. */
    public static ScriptedUpstream.Script answering(Function<Message, Message> answer) {
        return query -> query.message() == null ? Reply.silence() : Reply.message(answer.apply(query.message()));
    }

    /** Answers every query with these addresses and TTL. */
    public static ScriptedUpstream.Script addresses(long ttl, String... addresses) {
        return answering(q -> DnsReplies.addresses(q, ttl, addresses));
    }

    /** Answers every query with only this rcode (SERVFAIL, REFUSED, ...). */
    public static ScriptedUpstream.Script rcode(int rcode) {
        return answering(q -> DnsReplies.response(q, rcode));
    }

    /** Never answers. */
    public static ScriptedUpstream.Script silent() {
        return query -> Reply.silence();
    }

    /**
     * Over UDP, answers with TC set and no records when the full answer is larger than
     * {@code udpLimit} bytes; over TCP, always the full answer.
     */
    public static ScriptedUpstream.Script truncatingOverUdp(int udpLimit, Function<Message, Message> full) {
        return query -> {
            if (query.message() == null) {
                return Reply.silence();
            }
            Message answer = full.apply(query.message());
            if (query.transport() == Transport.UDP && answer.toWire().length > udpLimit) {
                return Reply.message(DnsReplies.truncated(query.message()));
            }
            return Reply.message(answer);
        };
    }

    /** NOERROR without records, for when only the asking matters. */
    public static ScriptedUpstream.Script empty() {
        return rcode(Rcode.NOERROR);
    }
}
