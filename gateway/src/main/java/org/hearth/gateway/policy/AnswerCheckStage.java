package org.hearth.gateway.policy;

import java.io.IOException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.hearth.blocklists.DomainIndexHolder;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Blocks CNAME cloaking: an allowed name whose answer chain reaches a blocked name (a tracker or an
 * adult site hidden behind an innocent first-party name) is blocked for the category of that name.
 * Looks at answers on their way back, cached or fresh, so the check follows the profile in force.
 */
public final class AnswerCheckStage implements QueryStage {

    private final PolicySnapshots policy;
    private final DomainIndexHolder index;
    private final Clock clock;
    private final BlockListener listener;
    private final LongAdder unreadable = new LongAdder();
    private final TemporaryAllows allows;

    public AnswerCheckStage(PolicySnapshots policy, DomainIndexHolder index, Clock clock, BlockListener listener) {
        this(policy, index, clock, listener, new TemporaryAllows());
    }

    /** @param allows approved unblock requests: a name allowed for now is not checked, like the allow list */
    public AnswerCheckStage(PolicySnapshots policy, DomainIndexHolder index, Clock clock, BlockListener listener,
            TemporaryAllows allows) {
        this.allows = allows;
        this.policy = policy;
        this.index = index;
        this.clock = clock;
        this.listener = listener;
    }

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        return next.handle(query).thenApply(answer -> check(query, answer));
    }

    /** Answers that could not be read and were passed on unchecked (a metric for the lead to export). */
    public long unreadable() {
        return unreadable.sum();
    }

    private Answer check(QueryContext query, Answer answer) {
        if (answer.source() == Answer.Source.POLICY || answer.source() == Answer.Source.ERROR
                || !hasAlias(answer.message())) {
            return answer;
        }
        List<String> chain;
        try {
            chain = chain(answer.message());
        } catch (IOException e) {
            // Not ours to judge: the edge forwards what the upstream said; counted so it is not silent.
            unreadable.increment();
            return answer;
        }
        if (chain.isEmpty()) {
            return answer;
        }
        PolicySnapshot snapshot = policy.current();
        Decision.Blocked blocked = snapshot.checkChain(query.identity(), query.question().key(), chain,
                ZonedDateTime.now(clock), index.current(), allows);
        if (blocked == null) {
            return answer;
        }
        PolicyStage.report(listener, query, blocked);
        return BlockedAnswers.of(query, blocked, snapshot);
    }

    /**
     * Whether the answer section holds a CNAME or DNAME, found by walking the wire format without
     * parsing records: most answers have none, and then the check costs no allocation at all. A
     * message too short for its counts says yes, so the parser looks and counts it as unreadable.
     */
    static boolean hasAlias(byte[] m) {
        try {
            int questions = u16(m, 4);
            int answers = u16(m, 6);
            int p = 12;
            for (int i = 0; i < questions; i++) {
                p = skipName(m, p) + 4;
            }
            for (int i = 0; i < answers; i++) {
                p = skipName(m, p);
                int type = u16(m, p);
                if (type == Type.CNAME || type == Type.DNAME) {
                    return true;
                }
                p += 10 + u16(m, p + 8);
            }
            return false;
        } catch (ArrayIndexOutOfBoundsException e) {
            return true;
        }
    }

    private static int skipName(byte[] m, int p) {
        for (int labels = 0; labels < 128; labels++) {
            int len = m[p] & 0xff;
            if (len == 0) {
                return p + 1;
            }
            if ((len & 0xc0) == 0xc0) {
                return p + 2; // a compression pointer ends the name as written here
            }
            p += 1 + len;
        }
        throw new ArrayIndexOutOfBoundsException("name longer than 128 labels at " + p);
    }

    private static int u16(byte[] m, int p) {
        return (m[p] & 0xff) << 8 | (m[p + 1] & 0xff);
    }

    /** The targets of the CNAME and DNAME records in the answer section, normalised, in order. */
    static List<String> chain(byte[] message) throws IOException {
        Message m = new Message(message);
        List<String> targets = new ArrayList<>(2);
        for (Record r : m.getSection(Section.ANSWER)) {
            String target = null;
            if (r instanceof CNAMERecord c) {
                target = c.getTarget().toString(true);
            } else if (r instanceof DNAMERecord d) {
                target = d.getTarget().toString(true);
            }
            if (target != null) {
                targets.add(target.toLowerCase(Locale.ROOT));
            }
        }
        return targets;
    }
}
