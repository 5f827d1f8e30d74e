package org.hearth.gateway.policy;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearth.blocklists.DomainIndexHolder;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the device's profile: answers blocks, canaries and SafeSearch rewrites itself, hands
 * everything else on. Sits above the cache, so a cached answer never outlives a profile change.
 */
public final class PolicyStage implements QueryStage {

    private static final Logger log = LoggerFactory.getLogger(PolicyStage.class);

    private final PolicySnapshots policy;
    private final DomainIndexHolder index;
    private final Pauses pauses;
    private final LocalNow now;
    private final BlockListener listener;
    private final TemporaryAllows allows;

    /** @param clock the box's clock; its zone is the zone schedules are written in */
    public PolicyStage(PolicySnapshots policy, DomainIndexHolder index, Pauses pauses, Clock clock,
            BlockListener listener) {
        this(policy, index, pauses, clock, listener, new TemporaryAllows());
    }

    /** @param allows approved unblock requests, consulted right after the allow list */
    public PolicyStage(PolicySnapshots policy, DomainIndexHolder index, Pauses pauses, Clock clock,
            BlockListener listener, TemporaryAllows allows) {
        this.allows = allows;
        this.policy = policy;
        this.index = index;
        this.pauses = pauses;
        this.now = new LocalNow(clock);
        this.listener = listener;
    }

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        PolicySnapshot snapshot = policy.current();
        Decision decision = snapshot.decide(query.identity(), query.question().key(), query.question().type(),
                now.get(), index.current(),
                query.identity() == null ? null : pauses.until(query.identity().deviceId()), allows);
        if (decision instanceof Decision.Blocked blocked) {
            report(listener, query, blocked);
            return CompletableFuture.completedFuture(BlockedAnswers.of(query, blocked, snapshot));
        }
        if (decision instanceof Decision.Rewritten rewritten) {
            return SafeSearchAnswers.answer(query, rewritten, next);
        }
        return next.handle(query);
    }

    /** Listeners must not block or throw; if one throws anyway, the answer still goes out. */
    static void report(BlockListener listener, QueryContext query, Decision.Blocked blocked) {
        try {
            listener.blocked(query, blocked);
        } catch (RuntimeException e) {
            log.warn("block listener failed for {}", query.question(), e);
        }
    }
}
