package org.hearth.gateway.policy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Responses;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers a SafeSearch rewrite: a CNAME from the asked name to the enforcement host, followed by
 * that host's records, resolved live through the rest of the chain (cache, then upstream). Only for
 * A, AAAA and HTTPS: other types of a search front end are left alone, as browsers only need those.
 */
public final class SafeSearchAnswers {

    /** Cap on the CNAME's TTL, so turning SafeSearch off reaches clients within minutes. */
    private static final long MAX_CNAME_TTL = 300;

    private SafeSearchAnswers() {}

    public static boolean rewrites(int type) {
        return type == Type.A || type == Type.AAAA || type == Type.HTTPS;
    }

    public static CompletionStage<Answer> answer(QueryContext query, Decision.Rewritten rewrite, Chain next) {
        Question asked = query.question();
        Question target = Question.of(rewrite.target(), asked.type(), asked.dclass());
        QueryContext targetQuery = new QueryContext(query.id(), target, true, query.checkingDisabled(), query.edns(),
                query.client(), query.local(), query.transport(), query.arrivalNanos(), query.identity());
        return next.handle(targetQuery).thenApply(answer -> combine(asked, rewrite.target(), answer));
    }

    /** The asked question, CNAME to target, then the target answer's records and rcode. */
    static Answer combine(Question asked, String target, Answer targetAnswer) {
        Message m;
        try {
            m = new Message(targetAnswer.message());
        } catch (IOException e) {
            // The chain's answers are well-formed by contract; if one is not, the client gets SERVFAIL.
            throw new IllegalStateException("unreadable answer for " + target, e);
        }
        int rcode = m.getHeader().getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            // SERVFAIL or REFUSED for the enforcement host: say so for the asked name, without a CNAME
            // that would make the failure look like an answer.
            return new Answer(Responses.rcode(asked, rcode), targetAnswer.source(), targetAnswer.extendedError());
        }
        List<Record> records = m.getSection(Section.ANSWER);
        long ttl = MAX_CNAME_TTL;
        for (Record r : records) {
            ttl = Math.min(ttl, r.getTTL());
        }
        List<Record> answers = new ArrayList<>(records.size() + 1);
        answers.add(new CNAMERecord(Responses.name(asked), asked.dclass(), ttl, absolute(target)));
        answers.addAll(records);
        byte[] bytes = Responses.build(asked, rcode, answers, m.getSection(Section.AUTHORITY));
        return new Answer(bytes, Answer.Source.POLICY, targetAnswer.extendedError());
    }

    private static Name absolute(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a DNS name: " + name, e);
        }
    }
}
