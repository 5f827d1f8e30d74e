package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Transport;
import org.hearth.gateway.query.WireResponse;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Blocked answers are written straight into wire format; dnsjava's {@code Message} was the way
 * before, and stays for names with escaped bytes. Both must say the same thing, record for record,
 * for every way of answering, every family of listen address and names of every shape.
 */
class BlockedAnswersWireTest {

    private static final ClientIdentity KID = new ClientIdentity("Kid tablet", "Kid tablet", "kids");
    private static final String LONG_LABEL = "a".repeat(63);
    private static final List<String> NAMES = List.of("porn.example", "WWW.Porn.Example.", "x",
            LONG_LABEL + "." + LONG_LABEL + "." + LONG_LABEL + ".b23456789012345678901234567890123456789012345678901234567890",
            "a-b_c.xn--bcher-kva.example", "odd\\032name.example", "dot\\.inside.example");
    private static final List<Integer> TYPES = List.of(Type.A, Type.AAAA, Type.TXT, Type.HTTPS, Type.ANY);

    @Test
    void everyResponseSaysWhatTheDnsjavaBuiltAnswerSaid() throws Exception {
        PolicySnapshot policy = Fixtures.snapshot(Fixtures.FAMILY);
        for (InetSocketAddress local : List.of(new InetSocketAddress("127.0.0.1", 53),
                new InetSocketAddress("::1", 53), new InetSocketAddress("0.0.0.0", 53))) {
            for (String name : NAMES) {
                for (int type : TYPES) {
                    for (Decision.Response response : Decision.Response.values()) {
                        QueryContext query = query(name, type, local);
                        Decision.Blocked blocked = new Decision.Blocked(query.question().key(), KID,
                                Reason.rule(Reason.Kind.DENY_RULE, "porn.example"), response);
                        Message ours = new Message(BlockedAnswers.of(query, blocked, policy).message());
                        Message before = new Message(BlockedAnswers.viaDnsjava(query, blocked, policy,
                                policy.blockTtl().toSeconds()));
                        String what = name + " " + Type.string(type) + " " + response + " on " + local;
                        assertThat(ours.getHeader().getRcode()).as(what).isEqualTo(before.getHeader().getRcode());
                        assertThat(ours.getHeader().printFlags()).as(what).isEqualTo(before.getHeader().printFlags());
                        for (int section : new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY,
                                Section.ADDITIONAL}) {
                            assertThat(ours.getSection(section)).as(what + " section " + section)
                                    .isEqualTo(before.getSection(section));
                            for (int i = 0; i < ours.getSection(section).size(); i++) {
                                assertThat(ours.getSection(section).get(i).getTTL()).as(what)
                                        .isEqualTo(before.getSection(section).get(i).getTTL());
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void theExtendedErrorSaysWhyAsBefore() {
        PolicySnapshot policy = Fixtures.snapshot(Fixtures.FAMILY);
        QueryContext query = query("porn.example", Type.A, new InetSocketAddress("127.0.0.1", 53));
        Reason reason = new Reason(Reason.Kind.CATEGORY, List.of("adult"), "porn.example", List.of("ut1-adult"),
                null, null, null);
        Decision.Blocked blocked = new Decision.Blocked("porn.example", KID, reason, Decision.Response.NXDOMAIN);

        Answer.ExtendedError ede = BlockedAnswers.of(query, blocked, policy).extendedError();

        Answer.ExtendedError expected = new Answer.ExtendedError(Answer.ExtendedError.BLOCKED,
                "Blocked: category adult (listed as porn.example) [ut1-adult]");
        assertThat(ede).isEqualTo(expected).hasSameHashCodeAs(expected).hasToString(expected.toString());
        assertThat(ede.text()).isEqualTo(expected.text());
    }

    @Test
    void nxdomainCarriesTheBoxSoaWithTheBlockTtlAsMinimum() throws Exception {
        PolicySnapshot policy = Fixtures.snapshot(Fixtures.FAMILY);
        QueryContext query = query("ads.example", Type.A, new InetSocketAddress("127.0.0.1", 53));
        Message m = new Message(BlockedAnswers.of(query, new Decision.Blocked("ads.example", KID,
                Reason.of(Reason.Kind.PAUSE), Decision.Response.NXDOMAIN), policy).message());
        assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        SOARecord soa = (SOARecord) m.getSection(Section.AUTHORITY).get(0);
        assertThat(soa.getName()).isEqualTo(Name.fromString("ads.example."));
        assertThat(soa.getHost()).isEqualTo(Name.fromString(policy.boxName() + "."));
        assertThat(soa.getAdmin()).isEqualTo(Name.fromString("hostmaster." + policy.boxName() + "."));
        assertThat(soa.getMinimum()).isEqualTo(policy.blockTtl().toSeconds());
        assertThat(soa.getTTL()).isEqualTo(policy.blockTtl().toSeconds());
        assertThat(soa.getSerial()).isEqualTo(1);
    }

    @Test
    void namesWithEscapesOrEmptyOrOverlongLabelsAreLeftToDnsjava() {
        assertThat(nameOf("odd\\032name.example")).isNull();
        assertThat(nameOf("a..b")).isNull();
        assertThat(nameOf("a" + LONG_LABEL + ".b")).isNull();
        assertThat(nameOf("")).containsExactly(0);
        assertThat(nameOf("Ab.c")).containsExactly(2, 'A', 'b', 1, 'c', 0);
    }

    /** The question name as {@link WireResponse#build} writes it after the header, or null. */
    private static byte[] nameOf(String name) {
        byte[] m = WireResponse.build(Question.of(name, Type.A), Rcode.NXDOMAIN, Type.SOA, DClass.IN, 60, null, true);
        return m == null ? null : Arrays.copyOfRange(m, 12, m.length - 4);
    }

    private static QueryContext query(String name, int type, InetSocketAddress local) {
        return new QueryContext(7, Question.of(name, type), true, false, null,
                new InetSocketAddress("127.0.0.2", 40000), local, Transport.UDP, 0, KID);
    }
}
