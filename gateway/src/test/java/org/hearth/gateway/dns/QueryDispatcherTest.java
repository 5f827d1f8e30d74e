package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Responses;
import org.hearth.gateway.query.Transport;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class QueryDispatcherTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);

    private final EdgeCounters counters = new EdgeCounters();
    private final AtomicReference<QueryContext> seen = new AtomicReference<>();

    /** A chain that answers A questions with one address, spelled in lower case like a cache would. */
    private final Chain addressChain = query -> {
        seen.set(query);
        Record a = new ARecord(Responses.name(query.question()), DClass.IN, 300, address("192.0.2.1"));
        byte[] wire = Responses.build(org.hearth.gateway.query.Question.of(query.question().key(), query.question().type()),
                Rcode.NOERROR, List.of(a), List.of());
        return CompletableFuture.completedFuture(new Answer(wire, Answer.Source.UPSTREAM));
    };

    private byte[] send(Chain chain, byte[] packet, Transport transport) {
        return new QueryDispatcher(chain, counters).dispatch(packet, CLIENT, LOCAL, transport)
                .toCompletableFuture().join();
    }

    private static Message query(String name, int type, int id) throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        m.getHeader().setID(id);
        return m;
    }

    private static Message withEdns(Message m, int udpSize, int version, boolean dnssecOk) {
        m.addRecord(new OPTRecord(udpSize, 0, version, dnssecOk ? 0x8000 : 0), Section.ADDITIONAL);
        return m;
    }

    @Test
    void answerEchoesIdRdAndTheQuestionExactlyAsAsked() throws Exception {
        Message q = query("WwW.ExAmple.COM.", Type.A, 0xBEEF);
        byte[] out = send(addressChain, q.toWire(), Transport.UDP);

        Message answer = new Message(out);
        assertThat(answer.getHeader().getID()).isEqualTo(0xBEEF);
        assertThat(answer.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(answer.getQuestion().getName().toString()).isEqualTo("WwW.ExAmple.COM.");
        assertThat(answer.getSection(Section.ANSWER)).hasSize(1);
        assertThat(answer.getOPT()).isNull();
        assertThat(seen.get().question().asked()).isEqualTo("WwW.ExAmple.COM");
        assertThat(seen.get().question().key()).isEqualTo("www.example.com");
        assertThat(seen.get().edns()).isNull();
        // The question bytes in the answer are the query's own bytes.
        int qEnd = DnsWire.skipQuestion(q.toWire(), 12);
        assertThat(java.util.Arrays.copyOfRange(out, 12, qEnd)).isEqualTo(java.util.Arrays.copyOfRange(q.toWire(), 12, qEnd));
    }

    @Test
    void rdClearInQueryIsClearInAnswer() throws Exception {
        Message q = query("example.com.", Type.A, 7);
        q.getHeader().unsetFlag(Flags.RD);
        Message answer = new Message(send(addressChain, q.toWire(), Transport.UDP));
        assertThat(answer.getHeader().getFlag(Flags.RD)).isFalse();
    }

    @Test
    void ednsQueryGetsOptWithOurSizeAndDoEchoed() throws Exception {
        Message q = withEdns(query("example.com.", Type.A, 9), 4096, 0, true);
        Message answer = new Message(send(addressChain, q.toWire(), Transport.UDP));
        OPTRecord opt = answer.getOPT();
        assertThat(opt).isNotNull();
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        assertThat(opt.getVersion()).isZero();
        assertThat(opt.getFlags() & 0x8000).isEqualTo(0x8000);
        assertThat(seen.get().edns().udpSize()).isEqualTo(4096);
        assertThat(seen.get().dnssecOk()).isTrue();
    }

    @Test
    void extendedErrorIsSentAsEdeOptionOnlyToEdnsClients() throws Exception {
        Chain blocking = query -> CompletableFuture.completedFuture(new Answer(
                Responses.rcode(query.question(), Rcode.NXDOMAIN), Answer.Source.POLICY,
                new Answer.ExtendedError(Answer.ExtendedError.BLOCKED, "adult")));
        Message withEdns = new Message(send(blocking, withEdns(query("bad.example.", Type.A, 1), 1232, 0, false).toWire(),
                Transport.UDP));
        List<EDNSOption> options = withEdns.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
        assertThat(options).hasSize(1);
        ExtendedErrorCodeOption ede = (ExtendedErrorCodeOption) options.get(0);
        assertThat(ede.getErrorCode()).isEqualTo(15);
        assertThat(ede.getText()).isEqualTo("adult");
        assertThat(withEdns.getRcode()).isEqualTo(Rcode.NXDOMAIN);

        Message without = new Message(send(blocking, query("bad.example.", Type.A, 1).toWire(), Transport.UDP));
        assertThat(without.getOPT()).isNull();
        assertThat(without.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void ednsOptionsReachTheStagesAndTinyUdpSizesCountAs512() throws Exception {
        Message q = query("example.com.", Type.A, 12);
        q.addRecord(new OPTRecord(100, 0, 0, 0, List.of(new org.xbill.DNS.ClientSubnetOption(24,
                address("192.0.2.0")))), Section.ADDITIONAL);
        send(addressChain, q.toWire(), Transport.UDP);
        assertThat(seen.get().edns().udpSize()).isEqualTo(512);
        assertThat(seen.get().edns().options()).extracting(org.hearth.gateway.query.Edns.Option::code)
                .containsExactly(EDNSOption.Code.CLIENT_SUBNET);
    }

    @Test
    void ednsVersionAboveZeroGetsBadvers() throws Exception {
        Message q = withEdns(query("example.com.", Type.A, 2), 1232, 1, false);
        Message answer = new Message(send(addressChain, q.toWire(), Transport.UDP));
        assertThat(answer.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(answer.getOPT().getVersion()).isZero();
        assertThat(seen.get()).isNull();
        assertThat(counters.badVers()).isEqualTo(1);
    }

    @Test
    void failedFutureThrownExceptionAndGarbageAnswerAllBecomeServfail() throws Exception {
        List<Chain> broken = List.of(
                query -> CompletableFuture.failedFuture(new IllegalStateException("upstreams down")),
                query -> { throw new IllegalStateException("stage bug"); },
                query -> CompletableFuture.completedFuture(new Answer(new byte[] {1, 2, 3}, Answer.Source.UPSTREAM)),
                query -> CompletableFuture.completedFuture(null));
        for (Chain chain : broken) {
            Message answer = new Message(send(chain, query("Mixed.Example.", Type.AAAA, 77).toWire(), Transport.UDP));
            assertThat(answer.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(answer.getHeader().getID()).isEqualTo(77);
            assertThat(answer.getQuestion().getName().toString()).isEqualTo("Mixed.Example.");
            assertThat(answer.getQuestion().getType()).isEqualTo(Type.AAAA);
        }
        assertThat(counters.servFail()).isEqualTo(4);
    }

    @Test
    void oversizedUdpAnswerIsTruncatedToHeaderQuestionAndOpt() throws Exception {
        Chain big = bigTxtChain(12); // ~1600 bytes: more than we ever send over UDP
        Message noEdns = new Message(send(big, query("big.example.", Type.TXT, 3).toWire(), Transport.UDP));
        assertThat(noEdns.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(noEdns.getSection(Section.ANSWER)).isEmpty();
        assertThat(noEdns.getQuestion().getName().toString()).isEqualTo("big.example.");

        byte[] withEdns = send(big, withEdns(query("big.example.", Type.TXT, 3), 4096, 0, false).toWire(), Transport.UDP);
        assertThat(withEdns.length).isLessThanOrEqualTo(1232);
        Message truncated = new Message(withEdns);
        assertThat(truncated.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(truncated.getOPT()).isNotNull();

        Message overTcp = new Message(send(big, query("big.example.", Type.TXT, 3).toWire(), Transport.TCP));
        assertThat(overTcp.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(overTcp.getSection(Section.ANSWER)).hasSize(12);
        assertThat(counters.truncated()).isEqualTo(2);
    }

    @Test
    void answerThatFitsTheClientsSizeIsNotTruncated() throws Exception {
        Chain big = bigTxtChain(8); // ~1100 bytes: fits 1232, not 512
        byte[] out = send(big, withEdns(query("big.example.", Type.TXT, 3), 1232, 0, false).toWire(), Transport.UDP);
        Message answer = new Message(out);
        assertThat(answer.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(answer.getSection(Section.ANSWER)).hasSize(8);
    }

    @Test
    void optInAStageAnswerIsReplacedByOurs() throws Exception {
        Chain leaky = query -> {
            Message m = new Message();
            m.getHeader().setFlag(Flags.QR);
            m.addRecord(Record.newRecord(Responses.name(query.question()), Type.A, DClass.IN), Section.QUESTION);
            m.addRecord(new ARecord(Responses.name(query.question()), DClass.IN, 60, address("192.0.2.9")), Section.ANSWER);
            m.addRecord(new OPTRecord(4096, 0, 0, 0), Section.ADDITIONAL);
            return CompletableFuture.completedFuture(new Answer(m.toWire(), Answer.Source.UPSTREAM));
        };
        Message without = new Message(send(leaky, query("a.example.", Type.A, 5).toWire(), Transport.UDP));
        assertThat(without.getOPT()).isNull();
        assertThat(without.getSection(Section.ADDITIONAL)).isEmpty();
        Message with = new Message(send(leaky, withEdns(query("a.example.", Type.A, 5), 1400, 0, false).toWire(),
                Transport.UDP));
        assertThat(with.getOPT().getPayloadSize()).isEqualTo(1232);
        assertThat(with.getSection(Section.ANSWER)).hasSize(1);
    }

    @Test
    void answerForADifferentlySpelledQuestionIsRebuiltWithTheClientsQuestion() throws Exception {
        Chain other = query -> {
            Record a = new ARecord(name("cdn.example.net."), DClass.IN, 60, address("192.0.2.7"));
            return CompletableFuture.completedFuture(new Answer(
                    Responses.build(org.hearth.gateway.query.Question.of("cdn.example.net", Type.A), Rcode.NOERROR,
                            List.of(a), List.of()), Answer.Source.LOCAL));
        };
        Message answer = new Message(send(other, query("Short.Ex.", Type.A, 6).toWire(), Transport.UDP));
        assertThat(answer.getQuestion().getName().toString()).isEqualTo("Short.Ex.");
        assertThat(answer.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("cdn.example.net.");
    }

    @Test
    void answerForAnotherNameOfTheSameLengthKeepsItsOwnerNames() throws Exception {
        Chain other = query -> {
            Record a = new ARecord(name("abc.example."), DClass.IN, 60, address("192.0.2.8"));
            return CompletableFuture.completedFuture(new Answer(
                    Responses.build(org.hearth.gateway.query.Question.of("abc.example", Type.A), Rcode.NOERROR,
                            List.of(a), List.of()), Answer.Source.LOCAL));
        };
        Message answer = new Message(send(other, query("XYZ.example.", Type.A, 13).toWire(), Transport.UDP));
        assertThat(answer.getQuestion().getName().toString()).isEqualTo("XYZ.example.");
        // dnsjava compressed the owner into a pointer at the stage's question; it must still say abc.
        assertThat(answer.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("abc.example.");
    }

    @Test
    void responseSentToUsIsDroppedAndCounted() throws Exception {
        Message q = query("example.com.", Type.A, 4);
        q.getHeader().setFlag(Flags.QR);
        assertThat(send(addressChain, q.toWire(), Transport.UDP)).isNull();
        assertThat(send(addressChain, new byte[] {1, 2, 3}, Transport.UDP)).isNull();
        assertThat(counters.dropped()).isEqualTo(2);
        assertThat(seen.get()).isNull();
    }

    @Test
    void otherOpcodeGetsNotimpWithOpcodeEchoed() throws Exception {
        Message q = query("example.com.", Type.SOA, 8);
        q.getHeader().setOpcode(Opcode.NOTIFY);
        Message answer = new Message(send(addressChain, q.toWire(), Transport.UDP));
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(answer.getHeader().getOpcode()).isEqualTo(Opcode.NOTIFY);
        assertThat(answer.getHeader().getID()).isEqualTo(8);
        assertThat(counters.notImp()).isEqualTo(1);
    }

    @Test
    void malformedQueriesWithReadableHeaderGetFormerr() throws Exception {
        byte[] good = query("example.com.", Type.A, 0x1234).toWire();
        List<byte[]> bad = new ArrayList<>();
        bad.add(java.util.Arrays.copyOf(good, 12)); // QDCOUNT 1 but no question
        bad.add(java.util.Arrays.copyOf(good, good.length - 2)); // question cut short
        byte[] zeroQuestions = good.clone();
        DnsWire.put16(zeroQuestions, 4, 0);
        bad.add(zeroQuestions);
        byte[] twoQuestions = good.clone();
        DnsWire.put16(twoQuestions, 4, 2);
        bad.add(twoQuestions);
        byte[] loop = java.util.Arrays.copyOf(good, 12 + 2 + 4);
        loop[12] = (byte) 0xc0; // a compression pointer to itself
        loop[13] = 12;
        bad.add(loop);
        byte[] badOpt = withEdns(query("example.com.", Type.A, 0x1234), 1232, 0, false).toWire();
        bad.add(java.util.Arrays.copyOf(badOpt, badOpt.length - 3)); // OPT record cut short
        byte[] twoOpts = withEdns(withEdns(query("example.com.", Type.A, 0x1234), 1232, 0, false), 512, 0, false).toWire();
        bad.add(twoOpts);
        for (byte[] packet : bad) {
            byte[] out = send(addressChain, packet, Transport.UDP);
            assertThat(out).as("reply to %s", java.util.HexFormat.of().formatHex(packet)).isNotNull();
            Message answer = new Message(out);
            assertThat(answer.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(answer.getHeader().getID()).isEqualTo(0x1234);
            assertThat(answer.getHeader().getFlag(Flags.QR)).isTrue();
        }
        assertThat(counters.formErr()).isEqualTo(bad.size());
        assertThat(seen.get()).isNull();
    }

    @Test
    void rootQuestionIsAnsweredWithTheRootEchoed() throws Exception {
        Chain soa = query -> CompletableFuture.completedFuture(new Answer(
                Responses.rcode(query.question(), Rcode.NOERROR), Answer.Source.UPSTREAM));
        Message answer = new Message(send(soa, query(".", Type.NS, 10).toWire(), Transport.UDP));
        assertThat(answer.getQuestion().getName()).isEqualTo(Name.root);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    }

    private static Chain bigTxtChain(int count) {
        return query -> {
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                records.add(new TXTRecord(Responses.name(query.question()), DClass.IN, 60, "x".repeat(120) + i));
            }
            return CompletableFuture.completedFuture(new Answer(
                    Responses.build(query.question(), Rcode.NOERROR, records, List.of()), Answer.Source.UPSTREAM));
        };
    }

    private static Name name(String s) {
        try {
            return Name.fromString(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static java.net.InetAddress address(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
