package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.resolve.TestQueries.query;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.CacheConfig;
import org.hearth.gateway.config.UpstreamConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** ForwardStage over real UDP and TCP against scripted upstreams: what is asked and what comes back. */
class ForwardStageTest extends LoopbackUpstreamTest {

    @Test
    void forwardsOverUdpAndReturnsTheAnswerWithoutOpt() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.addresses(300, "192.0.2.1"));
        Answer answer = ask(pool(FAST, upstream), query("www.example.com", Type.A));

        assertThat(answer.source()).isEqualTo(Answer.Source.UPSTREAM);
        Message message = parse(answer);
        assertThat(message.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.1");
        assertThat(message.getOPT()).isNull();
        assertThat(upstream.udpQueryCount()).isEqualTo(1);
        assertThat(upstream.tcpQueryCount()).isZero();
    }

    @Test
    void asksWithRdEdns1232AndTheClientsDoAndCdBits() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.addresses(300, "192.0.2.1"));
        UpstreamPool pool = pool(FAST, upstream);
        ask(pool, query("www.example.com", Type.A, true, true));
        ask(pool, query("www.example.com", Type.AAAA, false, false));

        Message withBits = upstream.received().get(0).message();
        assertThat(withBits.getHeader().getFlag(Flags.RD)).isTrue();
        assertThat(withBits.getHeader().getFlag(Flags.CD)).isTrue();
        OPTRecord opt = withBits.getOPT();
        assertThat(opt.getPayloadSize()).isEqualTo(1232);
        assertThat(opt.getFlags() & 0x8000).isNotZero();

        Message without = upstream.received().get(1).message();
        assertThat(without.getHeader().getFlag(Flags.CD)).isFalse();
        assertThat(without.getOPT().getFlags() & 0x8000).isZero();
        assertThat(without.getQuestion().getType()).isEqualTo(Type.AAAA);
    }

    @Test
    void queryIdsAndSourcePortsDifferFromQueryToQuery() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.addresses(300, "192.0.2.1"));
        UpstreamPool pool = pool(FAST, upstream);
        for (int i = 0; i < 20; i++) {
            ask(pool, query("host" + i + ".example.com", Type.A));
        }
        Set<Integer> ids = new HashSet<>();
        java.util.Map<Integer, Integer> perPort = new java.util.HashMap<>();
        for (ScriptedUpstream.Received each : upstream.received()) {
            ids.add(each.message().getHeader().getID());
            perPort.merge(each.from().getPort(), 1, Integer::sum);
        }
        // 20 draws from 65536 collide with probability under 0.3%.
        assertThat(ids).hasSizeGreaterThan(18);
        // A socket (and so a source port) carries at most 16 questions (dns/upstream/UdpSockets).
        assertThat(perPort.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(16));
        assertThat(perPort).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void truncatedUdpAnswerIsAskedAgainOverTcp() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.truncatingOverUdp(1232, q -> DnsReplies.oversized(q, 12)));
        Answer answer = ask(pool(FAST, upstream), query("big.example.com", Type.TXT));

        Message message = parse(answer);
        assertThat(message.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(message.getSection(Section.ANSWER)).hasSize(12);
        assertThat(answer.message().length).isGreaterThan(1232);
        assertThat(upstream.udpQueryCount()).isEqualTo(1);
        assertThat(upstream.tcpQueryCount()).isEqualTo(1);
    }

    @Test
    void answersWithAWrongIdOrQuestionOrSourceAreDroppedAndTheRealOneIsTaken() throws Exception {
        ScriptedUpstream upstream = upstream(query -> {
            Message q = query.message();
            byte[] real = DnsReplies.addresses(q, 300, "192.0.2.10").toWire();
            return Reply.sequence(
                    Reply.bytes(DnsReplies.withId(DnsReplies.addresses(q, 300, "6.6.6.1").toWire(),
                            q.getHeader().getID() ^ 0x5A5A)),
                    Reply.message(DnsReplies.addresses(DnsReplies.forOtherName(q, "evil.example"), 300, "6.6.6.2")),
                    Reply.message(DnsReplies.addresses(DnsReplies.forOtherType(q), 300, "6.6.6.3")),
                    Reply.fromOtherSocket(Reply.message(DnsReplies.addresses(q, 300, "6.6.6.4"))),
                    Reply.delayed(Duration.ofMillis(50), Reply.bytes(real)));
        });
        UpstreamPool pool = pool(FAST, upstream);
        Answer answer = ask(pool, query("www.example.com", Type.A));

        assertThat(parse(answer).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.10");
        assertThat(pool.counters().wrongId()).isEqualTo(1);
        assertThat(pool.counters().wrongQuestion()).isEqualTo(2);
        // The socket is connected to the server: the kernel drops the datagram from another port
        // before it reaches us (it never counts as ours).
        assertThat(pool.counters().wrongSource()).isZero();
        assertThat(upstream.queryCount()).isEqualTo(1);
    }

    @Test
    void whenEveryUpstreamFailsTheAnswerIsServfailWithEde22WithinTheDeadline() throws Exception {
        ScriptedUpstream silent = upstream(Scripts.silent());
        ScriptedUpstream servfail = upstream(Scripts.rcode(Rcode.SERVFAIL));
        UpstreamConfig config = new UpstreamConfig(Duration.ofMillis(400), Duration.ofMillis(700), Duration.ofSeconds(10));
        long start = System.nanoTime();
        UpstreamPool pool = pool(config, silent, silent, servfail);
        Answer answer = ask(pool, query("www.example.com", Type.A));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(answer.source()).isEqualTo(Answer.Source.ERROR);
        assertThat(parse(answer).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(answer.extendedError().code()).isEqualTo(Answer.ExtendedError.NO_REACHABLE_AUTHORITY);
        assertThat(pool.failedCount()).isEqualTo(1);
        // Correctness bound, not speed: the deadline is 700 ms; allow for a loaded 2-core machine.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(650).isLessThan(700 + 1000);
    }

    @Test
    void worksWithAnIpv6Upstream() throws Exception {
        ScriptedUpstream v6;
        try {
            v6 = ScriptedUpstream.start(InetAddress.getByName("::1"), Scripts.addresses(300, "2001:db8::1"));
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        closeAfterTest(v6);
        Answer answer = ask(pool(FAST, v6), query("www.example.com", Type.AAAA));
        assertThat(parse(answer).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void staleAnswerIsServedWhenEveryUpstreamFails() throws Exception {
        FakeTicker ticker = new FakeTicker();
        AnswerCache cache = new AnswerCache(new CacheConfig(100, null, null, null, Duration.ofHours(1)), ticker);
        ScriptedUpstream upstream = upstream(Scripts.addresses(60, "192.0.2.40"));
        UpstreamPool pool = pool(FAST, upstream);
        Chain chain = Chain.of(new CacheStage(cache), new ForwardStage(pool));
        QueryContext query = query("www.example.com", Type.A);

        assertThat(chain.handle(query).toCompletableFuture().get(5, TimeUnit.SECONDS).source())
                .isEqualTo(Answer.Source.UPSTREAM);
        ticker.advance(Duration.ofMinutes(5));
        upstream.script(Scripts.silent());

        Answer stale = chain.handle(query).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(stale.source()).isEqualTo(Answer.Source.STALE);
        assertThat(stale.extendedError().code()).isEqualTo(Answer.ExtendedError.STALE_ANSWER);
        assertThat(parse(stale).getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30);
        assertThat(parse(stale).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.40");
    }

    @Test
    void theUpstreamsExtendedErrorReachesTheClientAndOutlivesTheCache() throws Exception {
        ScriptedUpstream filtering = upstream(Scripts.answering(q -> DnsReplies.withExtendedError(
                DnsReplies.addresses(q, 300, "0.0.0.0"), Answer.ExtendedError.FILTERED, "adult content")));
        UpstreamPool pool = pool(FAST, filtering);
        Answer answer = ask(pool, query("blocked.example.com", Type.A));
        assertThat(answer.extendedError()).isEqualTo(new Answer.ExtendedError(Answer.ExtendedError.FILTERED, "adult content"));
        assertThat(parse(answer).getOPT()).as("the edge writes the OPT record").isNull();

        AnswerCache cache = new AnswerCache(new CacheConfig(100, null, null, null, null), new FakeTicker());
        Chain chain = Chain.of(new CacheStage(cache), new ForwardStage(pool));
        chain.handle(query("blocked.example.com", Type.A)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        Answer hit = chain.handle(query("blocked.example.com", Type.A)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(hit.source()).isEqualTo(Answer.Source.CACHE);
        assertThat(hit.extendedError().code()).isEqualTo(Answer.ExtendedError.FILTERED);
    }

    @Test
    void manyConcurrentQueriesEachGetTheirOwnAnswer() throws Exception {
        // The upstream answers each name with an address derived from it, so a mix-up would show.
        ScriptedUpstream upstream = upstream(Scripts.answering(q -> {
            String label = q.getQuestion().getName().getLabelString(0);
            return DnsReplies.addresses(q, 60, "10.0.0." + Integer.parseInt(label.substring(1)));
        }));
        UpstreamPool pool = pool(FAST, upstream);
        ForwardStage stage = new ForwardStage(pool);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(stage.handle(query("n" + i + ".example.com", Type.A), q -> null).toCompletableFuture());
        }
        for (int i = 0; i < 200; i++) {
            Answer answer = answers.get(i).get(10, TimeUnit.SECONDS);
            assertThat(parse(answer).getQuestion().getName().toString()).isEqualTo("n" + i + ".example.com.");
            assertThat(firstAnswer(answer)).isEqualTo("10.0.0." + i);
        }
        assertThat(upstream.queryCount()).isGreaterThanOrEqualTo(200); // more only if a slow machine made one retry
    }
}
