package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.gateway.resolve.TestQueries.answers;
import static org.hearth.gateway.resolve.TestQueries.query;
import static org.hearth.gateway.resolve.TestQueries.upstreamQuery;
import static org.hearth.gateway.resolve.TestQueries.wire;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearth.gateway.config.CacheConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Responses;
import org.hearth.gateway.testsupport.DnsReplies;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class CacheStageTest {

    private final FakeTicker ticker = new FakeTicker();
    private final AnswerCache cache = new AnswerCache(
            new CacheConfig(1000, Duration.ZERO, Duration.ofDays(1), Duration.ofHours(1), Duration.ofHours(1)), ticker);
    private final CacheStage stage = new CacheStage(cache);
    private final QueryContext query = query("www.example.com", Type.A);
    private final AtomicInteger calls = new AtomicInteger();

    private Answer upstreamAnswer(QueryContext q, long ttl) {
        return new Answer(wire(DnsReplies.addresses(upstreamQuery(q), ttl, "192.0.2.7")), Answer.Source.UPSTREAM);
    }

    private Chain answering(Answer answer) {
        return q -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(answer);
        };
    }

    private static Answer get(CompletionStage<Answer> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void missIsHandedOnAndTheAnswerServesTheNextQueryFromCache() throws Exception {
        Chain next = answering(upstreamAnswer(query, 300));
        assertThat(get(stage.handle(query, next)).source()).isEqualTo(Answer.Source.UPSTREAM);

        ticker.advance(Duration.ofSeconds(5));
        Answer second = get(stage.handle(query("WWW.EXAMPLE.COM", Type.A), next));

        assertThat(second.source()).isEqualTo(Answer.Source.CACHE);
        assertThat(answers(second.message())).extracting(Record::getTTL).containsExactly(295L);
        assertThat(calls).hasValue(1);
    }

    @Test
    void concurrentIdenticalQueriesShareOneUpstreamRequest() throws Exception {
        CompletableFuture<Answer> upstream = new CompletableFuture<>();
        Chain next = q -> {
            calls.incrementAndGet();
            return upstream;
        };
        int clients = 64;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<CompletableFuture<Answer>>> asked = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                asked.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return stage.handle(query, next).toCompletableFuture();
                }, threads));
            }
            start.countDown();
            List<CompletableFuture<Answer>> waiting = new ArrayList<>();
            for (CompletableFuture<CompletableFuture<Answer>> each : asked) {
                waiting.add(each.get(5, TimeUnit.SECONDS));
            }
            assertThat(calls).hasValue(1);
            assertThat(waiting).noneMatch(CompletableFuture::isDone);
            assertThat(stage.coalescedCount()).isEqualTo(clients - 1);

            upstream.complete(upstreamAnswer(query, 300));
            for (CompletableFuture<Answer> each : waiting) {
                assertThat(each.get(5, TimeUnit.SECONDS).source()).isEqualTo(Answer.Source.UPSTREAM);
            }
            assertThat(stage.inFlightCount()).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void queriesDifferingInDoOrCdAreNotCoalesced() {
        CompletableFuture<Answer> never = new CompletableFuture<>();
        Chain next = q -> {
            calls.incrementAndGet();
            return never;
        };
        stage.handle(query("www.example.com", Type.A, false, false), next);
        stage.handle(query("www.example.com", Type.A, true, false), next);
        stage.handle(query("www.example.com", Type.A, false, true), next);
        stage.handle(query("www.example.com", Type.A, false, false), next);
        assertThat(calls).hasValue(3);
    }

    @Test
    void aWaiterCompletingItsOwnFutureDoesNotAnswerTheOthers() throws Exception {
        CompletableFuture<Answer> upstream = new CompletableFuture<>();
        Chain next = q -> upstream;
        CompletableFuture<Answer> first = stage.handle(query, next).toCompletableFuture();
        CompletableFuture<Answer> second = stage.handle(query, next).toCompletableFuture();
        first.cancel(false);
        assertThat(second).isNotDone();
        upstream.complete(upstreamAnswer(query, 60));
        assertThat(get(second).source()).isEqualTo(Answer.Source.UPSTREAM);
    }

    @Test
    void failedUpstreamIsAnsweredFromAnExpiredEntryWithinTheStaleWindow() throws Exception {
        get(stage.handle(query, answering(upstreamAnswer(query, 60))));
        ticker.advance(Duration.ofMinutes(10));

        Answer stale = get(stage.handle(query, q -> CompletableFuture.failedFuture(new IllegalStateException("down"))));

        assertThat(stale.source()).isEqualTo(Answer.Source.STALE);
        assertThat(stale.extendedError().code()).isEqualTo(Answer.ExtendedError.STALE_ANSWER);
        assertThat(answers(stale.message())).extracting(Record::getTTL).containsOnly(30L);
    }

    @Test
    void servfailAnswerIsReplacedByAStaleOne() throws Exception {
        get(stage.handle(query, answering(upstreamAnswer(query, 60))));
        ticker.advance(Duration.ofMinutes(10));
        Answer servfail = Responses.servfail(query.question());

        assertThat(get(stage.handle(query, answering(servfail))).source()).isEqualTo(Answer.Source.STALE);
    }

    @Test
    void failureWithoutStaleEntryFailsTheQueryAndClearsTheInFlightEntry() {
        IllegalStateException down = new IllegalStateException("down");
        CompletionStage<Answer> answer = stage.handle(query, q -> CompletableFuture.failedFuture(down));
        assertThatThrownBy(() -> get(answer)).isInstanceOf(ExecutionException.class).hasCause(down);
        assertThat(stage.inFlightCount()).isZero();
    }

    @Test
    void aNextStageThatThrowsFailsTheQueryInsteadOfThrowing() {
        CompletionStage<Answer> answer = stage.handle(query, q -> {
            throw new IllegalStateException("bug");
        });
        assertThatThrownBy(() -> get(answer)).hasRootCauseMessage("bug");
        assertThat(stage.inFlightCount()).isZero();
    }

    @Test
    void answersNotFromAnUpstreamAreNotCached() throws Exception {
        Answer policy = new Answer(Responses.rcode(query.question(), Rcode.NXDOMAIN), Answer.Source.POLICY);
        get(stage.handle(query, answering(policy)));
        get(stage.handle(query, answering(policy)));
        assertThat(calls).hasValue(2);
    }

    @Test
    void aHitInTheLastTenthOfTheLifetimeIsAnsweredAtOnceAndRefreshedInTheBackground() throws Exception {
        get(stage.handle(query, answering(upstreamAnswer(query, 100))));
        ticker.advance(Duration.ofSeconds(91));
        CompletableFuture<Answer> refresh = new CompletableFuture<>();
        Chain next = q -> {
            calls.incrementAndGet();
            return refresh;
        };

        Answer hit = get(stage.handle(query, next));
        assertThat(hit.source()).isEqualTo(Answer.Source.CACHE);
        assertThat(answers(hit.message()).get(0).getTTL()).isEqualTo(9);
        get(stage.handle(query, next)); // a second hit while the refresh is out sends no second one
        assertThat(calls).hasValue(2);
        assertThat(stage.prefetchCount()).isEqualTo(1);

        refresh.complete(upstreamAnswer(query, 100));
        assertThat(answers(get(stage.handle(query, next)).message()).get(0).getTTL()).isEqualTo(100);
        assertThat(stage.inFlightCount()).isZero();
    }

    @Test
    void earlyHitsAndShortLivedEntriesAreNotPrefetched() throws Exception {
        get(stage.handle(query, answering(upstreamAnswer(query, 100))));
        QueryContext shortLived = query("cdn.example.com", org.xbill.DNS.Type.A);
        get(stage.handle(shortLived, answering(upstreamAnswer(shortLived, 5))));
        // 4.6 s on: the 100 s entry has most of its life left; the 5 s one is in its last tenth but
        // lives too short to be worth an extra upstream query.
        ticker.advance(Duration.ofMillis(4600));

        get(stage.handle(query, answering(upstreamAnswer(query, 100))));
        get(stage.handle(shortLived, answering(upstreamAnswer(shortLived, 5))));
        assertThat(calls).hasValue(2);
        assertThat(stage.prefetchCount()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
