package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Responses;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Whatever the answer's size and the client's limits, what goes out fits, parses and is the client's. */
class AnswerEncoderPropertiesTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);

    @Property(tries = 300)
    void udpAnswersFitTheClientAndAreWholeOrTruncated(
            @ForAll @IntRange(min = 0, max = 30) int records,
            @ForAll @IntRange(min = 1, max = 250) int textLength,
            @ForAll @IntRange(min = 0, max = 8192) int clientSize,
            @ForAll boolean edns,
            @ForAll boolean tcp,
            @ForAll @StringLength(max = 300) String edeText) throws Exception {
        Chain chain = query -> {
            List<Record> answers = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                answers.add(new TXTRecord(Responses.name(query.question()), DClass.IN, 60, "t".repeat(textLength) + i));
            }
            return CompletableFuture.completedFuture(new Answer(
                    Responses.build(Question.of("txt.example", Type.TXT), Rcode.NOERROR, answers, List.of()),
                    Answer.Source.UPSTREAM, new Answer.ExtendedError(Answer.ExtendedError.BLOCKED, edeText)));
        };
        Message q = Message.newQuery(Record.newRecord(Name.fromString("TxT.Example."), Type.TXT, DClass.IN));
        if (edns) {
            q.addRecord(new OPTRecord(clientSize, 0, 0, 0), Section.ADDITIONAL);
        }
        byte[] out = new QueryDispatcher(chain, new EdgeCounters())
                .dispatch(q.toWire(), CLIENT, CLIENT, tcp ? Transport.TCP : Transport.UDP).toCompletableFuture().join();

        int limit = tcp ? 65535 : edns ? Math.min(Math.max(clientSize, 512), 1232) : 512;
        assertThat(out.length).isLessThanOrEqualTo(limit);
        Message answer = new Message(out);
        assertThat(answer.getHeader().getID()).isEqualTo(q.getHeader().getID());
        assertThat(answer.getQuestion().getName().toString()).isEqualTo("TxT.Example.");
        assertThat(answer.getOPT() != null).isEqualTo(edns);
        if (answer.getHeader().getFlag(Flags.TC)) {
            assertThat(tcp).isFalse();
            assertThat(answer.getSection(Section.ANSWER)).isEmpty();
        } else {
            assertThat(answer.getSection(Section.ANSWER)).hasSize(records);
        }
    }
}
