package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.gateway.resolve.TestQueries.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.UpstreamConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * upstream.maxInFlight: a flood of questions to an upstream that does not answer holds at most
 * that many sockets; the rest fail at once, and the pool takes questions again as they end.
 */
class UpstreamOverloadTest extends LoopbackUpstreamTest {

    private static final UpstreamConfig THREE_AT_ONCE = new UpstreamConfig(
            Duration.ofMillis(800), Duration.ofMillis(800), Duration.ofMinutes(5), 3);

    @Test
    void questionsBeyondMaxInFlightFailAtOnceWithoutBeingSent() throws Exception {
        ScriptedUpstream silent = upstream(Scripts.silent());
        UpstreamPool pool = pool(THREE_AT_ONCE, silent);
        List<CompletableFuture<Answer>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(pool.resolve(UpstreamQuery.of(query("slow" + i + ".example.com", Type.A))));
        }
        CompletableFuture<Answer> fourth = pool.resolve(UpstreamQuery.of(query("one-more.example.com", Type.A)));

        assertThat(fourth).as("failed on the caller's stack, not after the deadline").isCompletedExceptionally();
        assertThatThrownBy(fourth::join).hasCauseInstanceOf(UpstreamFailedException.class)
                .hasMessageContaining("upstream.maxInFlight");
        assertThat(pool.overloadedCount()).isEqualTo(1);
        assertThat(pool.inFlight()).isEqualTo(3);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);

        for (CompletableFuture<Answer> each : waiting) {
            assertThatThrownBy(() -> each.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
        assertThat(silent.queryCount()).as("the refused question was never sent").isEqualTo(3);
        assertThat(pool.inFlight()).isZero();
    }

    @Test
    void poolTakesQuestionsAgainOnceTheWaitingOnesEnd() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.silent());
        UpstreamPool pool = pool(THREE_AT_ONCE, upstream);
        List<CompletableFuture<Answer>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(pool.resolve(UpstreamQuery.of(query("slow" + i + ".example.com", Type.A))));
        }
        assertThat(pool.resolve(UpstreamQuery.of(query("refused.example.com", Type.A)))).isCompletedExceptionally();
        for (CompletableFuture<Answer> each : waiting) {
            each.handle((a, f) -> null).get(10, TimeUnit.SECONDS);
        }

        upstream.script(Scripts.addresses(60, "192.0.2.77"));
        for (int i = 0; i < 10; i++) {
            assertThat(firstAnswer(ask(pool, query("fine" + i + ".example.com", Type.A)))).isEqualTo("192.0.2.77");
        }
        assertThat(pool.inFlight()).isZero();
        assertThat(pool.overloadedCount()).isEqualTo(1);
    }
}
