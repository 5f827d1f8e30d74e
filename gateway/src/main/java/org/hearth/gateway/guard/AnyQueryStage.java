package org.hearth.gateway.guard;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Responses;
import org.xbill.DNS.HINFORecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Answers ANY questions itself, with one synthesized HINFO "RFC8482" "" record (RFC 8482 section
 * 4.2, as Cloudflare does), and never forwards them: ANY is the amplification query of choice, no
 * real client needs it, and forwarding it would let a spoofed source turn a small question into the
 * biggest answer an upstream can give.
 */
public final class AnyQueryStage implements QueryStage {

    /** RFC 8482 suggests a TTL of about a day: nothing about this answer ever changes. */
    static final long TTL = 86_400;

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        Question q = query.question();
        if (q.type() != Type.ANY) {
            return next.handle(query);
        }
        return CompletableFuture.completedFuture(answer(q));
    }

    static Answer answer(Question q) {
        // HINFO's class must be the question's: an ANY in class CH gets an answer in CH.
        HINFORecord hinfo = new HINFORecord(Responses.name(q), q.dclass(), TTL, "RFC8482", "");
        return new Answer(Responses.build(q, Rcode.NOERROR, List.of(hinfo), List.of()), Answer.Source.LOCAL);
    }
}
