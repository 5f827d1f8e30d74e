package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.resolve.TestQueries.query;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.CacheConfig;
import org.hearth.gateway.config.UpstreamConfig;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** ForwardStage and UpstreamPool against scripted upstreams over real UDP and TCP on loopback. */
class ForwardStageTest {

    private static final UpstreamConfig FAST = new UpstreamConfig(
            Duration.ofMillis(300), Duration.ofMillis(1500), Duration.ofMillis(200));
    private static NettyTransport transport;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startLoops() {
        transport = NettyTransport.create(2, true);
    }

    @AfterAll
    static void stopLoops() {
        transport.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable each : closeAfter) {
            each.close();
        }
    }

    private ScriptedUpstream upstream(ScriptedUpstream.Script script) throws Exception {
        ScriptedUpstream upstream = ScriptedUpstream.start(script);
        closeAfter.add(upstream);
        return upstream;
    }

    private UpstreamPool pool(UpstreamConfig config, ScriptedUpstream... upstreams) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (ScriptedUpstream each : upstreams) {
            servers.add(each.address());
        }
        UpstreamPool pool = UpstreamPool.start(servers, config, transport);
        closeAfter.add(pool);
        return pool;
    }

    private static Answer ask(UpstreamPool pool, QueryContext query) throws Exception {
        Chain unused = q -> {
            throw new AssertionError("the forward stage never hands on");
        };
        return new ForwardStage(pool).handle(query, unused).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static Message parse(Answer answer) throws Exception {
        return new Message(answer.message());
    }

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
        Set<Integer> ports = new HashSet<>();
        for (ScriptedUpstream.Received each : upstream.received()) {
            ids.add(each.message().getHeader().getID());
            ports.add(each.from().getPort());
        }
        // 20 draws from 65536 collide with probability under 0.3%; the same for ports.
        assertThat(ids).hasSizeGreaterThan(18);
        assertThat(ports).hasSizeGreaterThan(18);
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
    void silentUpstreamIsFollowedByTheNextOne() throws Exception {
        ScriptedUpstream silent = upstream(Scripts.silent());
        ScriptedUpstream good = upstream(Scripts.addresses(300, "192.0.2.2"));
        Answer answer = ask(pool(FAST, silent, good), query("www.example.com", Type.A));

        assertThat(parse(answer).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.2");
        assertThat(silent.queryCount()).isEqualTo(1);
    }

    @Test
    void servfailAndRefusedFailOverToTheNextUpstream() throws Exception {
        ScriptedUpstream servfail = upstream(Scripts.rcode(Rcode.SERVFAIL));
        ScriptedUpstream refused = upstream(Scripts.rcode(Rcode.REFUSED));
        ScriptedUpstream good = upstream(Scripts.addresses(300, "192.0.2.3"));
        Answer answer = ask(pool(FAST, servfail, refused, good), query("www.example.com", Type.A));

        assertThat(parse(answer).getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(servfail.queryCount()).isEqualTo(1);
        assertThat(refused.queryCount()).isEqualTo(1);
    }

    @Test
    void nxdomainIsAnAnswerNotAFailure() throws Exception {
        ScriptedUpstream first = upstream(Scripts.answering(q -> DnsReplies.negative(q, Rcode.NXDOMAIN, 60, 60)));
        ScriptedUpstream second = upstream(Scripts.addresses(300, "192.0.2.3"));
        Answer answer = ask(pool(FAST, first, second), query("nope.example.com", Type.A));
        assertThat(parse(answer).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(second.queryCount()).isZero();
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
        assertThat(pool.counters().wrongSource()).isEqualTo(1);
        assertThat(upstream.queryCount()).isEqualTo(1);
    }

    @Test
    void wrongAnswersAloneEndInTimeoutAndFailover() throws Exception {
        ScriptedUpstream forger = upstream(query -> Reply.bytes(
                DnsReplies.withId(DnsReplies.addresses(query.message(), 300, "6.6.6.6").toWire(),
                        query.message().getHeader().getID() ^ 1)));
        ScriptedUpstream good = upstream(Scripts.addresses(300, "192.0.2.11"));
        Answer answer = ask(pool(FAST, forger, good), query("www.example.com", Type.A));
        assertThat(parse(answer).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.11");
    }

    @Test
    void garbageWithOurIdFailsOverAtOnce() throws Exception {
        ScriptedUpstream garbage = upstream(query -> Reply.bytes(DnsReplies.garbage(query.message())));
        ScriptedUpstream good = upstream(Scripts.addresses(300, "192.0.2.12"));
        UpstreamPool pool = pool(FAST, garbage, good);
        Answer answer = ask(pool, query("www.example.com", Type.A));

        assertThat(parse(answer).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.12");
        assertThat(pool.counters().unreadable()).isEqualTo(1);
        assertThat(pool.counters().timeouts()).isZero(); // failed over on the garbage, not on the timer
    }

    @Test
    void whenEveryUpstreamFailsTheAnswerIsServfailWithEde22WithinTheDeadline() throws Exception {
        ScriptedUpstream silent = upstream(Scripts.silent());
        ScriptedUpstream servfail = upstream(Scripts.rcode(Rcode.SERVFAIL));
        UpstreamConfig config = new UpstreamConfig(Duration.ofMillis(400), Duration.ofMillis(700), Duration.ofSeconds(10));
        long start = System.nanoTime();
        Answer answer = ask(pool(config, silent, silent, servfail), query("www.example.com", Type.A));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(answer.source()).isEqualTo(Answer.Source.ERROR);
        assertThat(parse(answer).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(answer.extendedError().code()).isEqualTo(Answer.ExtendedError.NO_REACHABLE_AUTHORITY);
        // Correctness bound, not speed: the deadline is 700 ms; allow for a loaded 2-core machine.
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(650).isLessThan(700 + 1000);
    }

    @Test
    void poolFailureNamesEveryAttempt() throws Exception {
        ScriptedUpstream servfail = upstream(Scripts.rcode(Rcode.SERVFAIL));
        ScriptedUpstream refused = upstream(Scripts.rcode(Rcode.REFUSED));
        UpstreamPool pool = pool(FAST, servfail, refused);
        Throwable failure = pool.resolve(UpstreamQuery.of(query("www.example.com", Type.A)))
                .handle((wire, error) -> error).get(5, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(UpstreamFailedException.class);
        assertThat(((UpstreamFailedException) failure).attempts())
                .anySatisfy(a -> assertThat(a).contains(servfail.address().toString()).contains("SERVFAIL"))
                .anySatisfy(a -> assertThat(a).contains(refused.address().toString()).contains("REFUSED"));
    }

    @Test
    void deadUpstreamIsSkippedThenTakenBackAfterAProbe() throws Exception {
        ScriptedUpstream flaky = upstream(Scripts.silent());
        ScriptedUpstream good = upstream(Scripts.addresses(300, "192.0.2.20"));
        UpstreamPool pool = pool(FAST, flaky, good);
        for (int i = 0; i < UpstreamHealth.FAILURES_TO_MARK_DOWN; i++) {
            ask(pool, query("q" + i + ".example.com", Type.A));
        }
        assertThat(pool.isDown(flaky.address())).isTrue();
        int askedWhileUp = flaky.queryCount();

        ask(pool, query("skipped.example.com", Type.A));
        assertThat(flaky.received()).noneMatch(r -> r.message().getQuestion().getName().toString().startsWith("skipped"));

        flaky.script(Scripts.addresses(300, "192.0.2.21"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.isDown(flaky.address()) && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(pool.isDown(flaky.address())).as("probed and marked up").isFalse();
        assertThat(flaky.queryCount()).isGreaterThan(askedWhileUp);

        Answer answer = ask(pool, query("back.example.com", Type.A));
        assertThat(parse(answer).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.21");
    }

    @Test
    void whenAllAreDownTheyAreStillAskedAsALastResort() throws Exception {
        ScriptedUpstream only = upstream(Scripts.silent());
        UpstreamPool pool = pool(new UpstreamConfig(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMinutes(5)),
                only);
        for (int i = 0; i < UpstreamHealth.FAILURES_TO_MARK_DOWN; i++) {
            ask(pool, query("q" + i + ".example.com", Type.A));
        }
        assertThat(pool.isDown(only.address())).isTrue();
        only.script(Scripts.addresses(60, "192.0.2.30"));
        assertThat(ask(pool, query("again.example.com", Type.A)).source()).isEqualTo(Answer.Source.UPSTREAM);
        assertThat(pool.isDown(only.address())).isFalse();
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
        closeAfter.add(v6);
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
}
