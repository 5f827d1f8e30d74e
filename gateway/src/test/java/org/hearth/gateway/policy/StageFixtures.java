package org.hearth.gateway.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hearth.blocklists.DomainIndexHolder;
import org.hearth.gateway.config.IpLiteral;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Responses;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** A small "upstream" (the next stage as a lambda) and a listener that records blocks. */
final class StageFixtures {

    /** Wednesday 2026-11-25 12:00 in Phnom Penh: no schedule of the family config is in force. */
    static final Instant NOON = Instant.parse("2026-11-25T05:00:00Z");
    static final ZoneId BOX = ZoneId.of("Asia/Phnom_Penh");

    private StageFixtures() {}

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, BOX);
    }

    static DomainIndexHolder index() {
        return new DomainIndexHolder(new MapDomainIndex()
                .add("porn.example", "adult")
                .add("casino.example", "gambling")
                .add("tracker.example", "ads-trackers")
                .add("games.example", "games"));
    }

    /** Answers from a fixed table of name to CNAME target or address; records which questions reached it. */
    static final class Upstream implements Chain {
        final List<Question> asked = new CopyOnWriteArrayList<>();
        private final Map<String, String> records;

        Upstream(Map<String, String> records) {
            this.records = records;
        }

        @Override
        public CompletableFuture<Answer> handle(QueryContext query) {
            Question q = query.question();
            asked.add(q);
            List<Record> answers = new ArrayList<>();
            String name = q.key();
            for (int i = 0; i < 8 && records.containsKey(name); i++) {
                String value = records.get(name);
                Name owner = name(name);
                if (value.contains(":") || Character.isDigit(value.charAt(0))) {
                    InetAddress a = IpLiteral.parse(value);
                    if (q.type() == Type.A && a.getAddress().length == 4) {
                        answers.add(new ARecord(owner, 1, 120, a));
                    } else if (q.type() == Type.AAAA && a.getAddress().length == 16) {
                        answers.add(new AAAARecord(owner, 1, 120, a));
                    }
                    break;
                }
                answers.add(new CNAMERecord(owner, 1, 600, name(value)));
                name = value;
            }
            int rcode = records.containsKey(q.key()) ? Rcode.NOERROR : Rcode.NXDOMAIN;
            return CompletableFuture.completedFuture(
                    new Answer(Responses.build(q, rcode, answers, List.of()), Answer.Source.UPSTREAM));
        }

        private static Name name(String s) {
            try {
                return Name.fromString(s, Name.root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class Recorder implements BlockListener {
        final List<Decision.Blocked> blocks = new CopyOnWriteArrayList<>();

        @Override
        public void blocked(QueryContext query, Decision.Blocked decision) {
            blocks.add(decision);
        }
    }

    static Message parse(Answer answer) {
        try {
            return new Message(answer.message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
