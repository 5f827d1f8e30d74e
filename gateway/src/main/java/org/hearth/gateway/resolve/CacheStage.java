package org.hearth.gateway.resolve;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;

/**
 * Answers from the {@link AnswerCache} when it can; otherwise hands on, stores what comes back,
 * and makes identical questions asked meanwhile wait for that one upstream request instead of
 * sending their own. When the rest of the chain fails, an expired entry within the stale window
 * answers instead (RFC 8767). A hit in the last tenth of an entry's lifetime also refreshes it in
 * the background (prefetch), sharing the in-flight slot so a refresh and a miss never both go out.
 */
public final class CacheStage implements QueryStage {

    private static final int SERVFAIL = 2;

    private final AnswerCache cache;
    private final ConcurrentHashMap<CacheKey, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder cacheErrors = new LongAdder();
    private final LongAdder prefetches = new LongAdder();

    public CacheStage(AnswerCache cache) {
        this.cache = cache;
    }

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        CacheKey key = CacheKey.of(query);
        AnswerCache.Hit hit = cache.lookup(key);
        if (hit != null) {
            if (hit.refreshDue()) {
                prefetch(key, query, next);
            }
            return CompletableFuture.completedFuture(hit.answer());
        }
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            coalesced.increment();
            return running.copy(); // a copy, so no caller can complete the shared future
        }
        // Another request may have finished between the miss above and claiming the key.
        Answer late = cache.get(key);
        if (late != null) {
            inFlight.remove(key, mine);
            mine.complete(late);
            return mine.copy();
        }
        CompletionStage<Answer> upstream;
        try {
            upstream = next.handle(query);
        } catch (RuntimeException e) {
            upstream = CompletableFuture.failedFuture(e);
        }
        upstream.whenComplete((answer, failure) -> finish(key, mine, answer, failure));
        return mine.copy();
    }

    /** Fetches an entry near its end again; the client already has its answer from the cache. */
    private void prefetch(CacheKey key, QueryContext query, Chain next) {
        CompletableFuture<Answer> refresh = new CompletableFuture<>();
        if (inFlight.putIfAbsent(key, refresh) != null) {
            return; // already being fetched
        }
        prefetches.increment();
        CompletionStage<Answer> upstream;
        try {
            upstream = next.handle(query);
        } catch (RuntimeException e) {
            upstream = CompletableFuture.failedFuture(e);
        }
        upstream.whenComplete((answer, failure) -> finish(key, refresh, answer, failure));
    }

    /** Background refreshes of entries asked for near the end of their lifetime. */
    public long prefetchCount() {
        return prefetches.sum();
    }

    /** Identical queries that waited for another one's upstream request instead of sending their own. */
    public long coalescedCount() {
        return coalesced.sum();
    }

    /** Failures of the cache itself while finishing a request (expected to stay zero). */
    public long cacheErrorCount() {
        return cacheErrors.sum();
    }

    /** Keys with an upstream request outstanding right now. */
    public int inFlightCount() {
        return inFlight.size();
    }

    private void finish(CacheKey key, CompletableFuture<Answer> mine, Answer answer, Throwable failure) {
        try {
            if (failure == null && answer.source() == Answer.Source.UPSTREAM) {
                cache.put(key, answer.message());
            }
            if (failure != null || isServfail(answer)) {
                Answer stale = cache.getStale(key);
                if (stale != null) {
                    answer = stale;
                    failure = null;
                }
            }
        } catch (RuntimeException e) {
            // Must not strand the waiters: whatever went wrong here, they get the upstream's outcome.
            cacheErrors.increment();
        }
        inFlight.remove(key, mine);
        if (failure != null) {
            mine.completeExceptionally(failure);
        } else {
            mine.complete(answer);
        }
    }

    private static boolean isServfail(Answer answer) {
        byte[] wire = answer.message();
        return wire.length >= 4 && (wire[3] & 0x0F) == SERVFAIL;
    }
}
