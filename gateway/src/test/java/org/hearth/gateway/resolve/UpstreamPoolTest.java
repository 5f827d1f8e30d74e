package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.resolve.TestQueries.query;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.UpstreamConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** UpstreamPool failover and health against scripted upstreams over real sockets. */
class UpstreamPoolTest extends LoopbackUpstreamTest {

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
    void notimpAndFormerrFailOverToo() throws Exception {
        ScriptedUpstream notimp = upstream(Scripts.rcode(Rcode.NOTIMP));
        ScriptedUpstream formerr = upstream(Scripts.rcode(Rcode.FORMERR));
        ScriptedUpstream good = upstream(Scripts.addresses(300, "192.0.2.4"));
        assertThat(firstAnswer(ask(pool(FAST, notimp, formerr, good), query("www.example.com", Type.A))))
                .isEqualTo("192.0.2.4");
    }

    @Test
    void servfailsAboutNamesDoNotMarkTheServerDownButRefusalsDo() throws Exception {
        ScriptedUpstream servfail = upstream(Scripts.rcode(Rcode.SERVFAIL));
        ScriptedUpstream refused = upstream(Scripts.rcode(Rcode.REFUSED));
        ScriptedUpstream good = upstream(Scripts.addresses(300, "192.0.2.5"));
        UpstreamPool pool = pool(new UpstreamConfig(FAST.timeout(), FAST.deadline(), Duration.ofMinutes(5)),
                servfail, refused, good); // no probe during the test
        for (int i = 0; i < UpstreamHealth.FAILURES_TO_MARK_DOWN + 1; i++) {
            ask(pool, query("broken" + i + ".example.com", Type.A));
        }
        assertThat(pool.isDown(servfail.address())).isFalse();
        assertThat(pool.isDown(refused.address())).isTrue();
        assertThat(refused.queryCount()).isEqualTo(UpstreamHealth.FAILURES_TO_MARK_DOWN);
    }

    @Test
    void aProbeAnsweredWithRefusedDoesNotBringAServerBack() throws Exception {
        ScriptedUpstream refusing = upstream(Scripts.rcode(Rcode.REFUSED));
        ScriptedUpstream good = upstream(Scripts.addresses(300, "192.0.2.6"));
        UpstreamPool pool = pool(FAST, refusing, good);
        for (int i = 0; i < UpstreamHealth.FAILURES_TO_MARK_DOWN; i++) {
            ask(pool, query("q" + i + ".example.com", Type.A));
        }
        int before = refusing.queryCount();
        assertThat(refusing.awaitQueries(before + 2, Duration.ofSeconds(5))).as("probed twice").isTrue();
        assertThat(pool.isDown(refusing.address())).isTrue();
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
}
