package org.hearth.gateway.app;

import java.time.Clock;
import java.time.Instant;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.BlockReason;
import org.hearth.gateway.log.BlockedLookup;
import org.hearth.gateway.policy.BlockListener;
import org.hearth.gateway.policy.Decision;
import org.hearth.gateway.policy.Reason;
import org.hearth.gateway.query.QueryContext;

/**
 * Hands every block the policy answers to the blocked-lookup log, in the log's terms. Runs on the
 * event loop: {@link BlockLog#offer} only queues (and counts a drop when the queue is full).
 */
final class LoggingBlockListener implements BlockListener {

    private static final int TYPE_AAAA = 28;
    private static final int TYPE_A = 1;

    private final BlockLog log;
    private final Clock clock;

    LoggingBlockListener(BlockLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void blocked(QueryContext query, Decision.Blocked decision) {
        // Only the time is read here; the text is built on the log's writer thread (see offerDeferred).
        Instant time = clock.instant();
        log.offerDeferred(() -> entry(query, decision, time));
    }

    static BlockedLookup entry(QueryContext query, Decision.Blocked decision, Instant time) {
        Reason reason = decision.reason();
        return BlockedLookup.of(query, time, reason.categories(), reasonOf(reason.kind()), reason.text(),
                answerOf(decision.response(), query));
    }

    static BlockReason reasonOf(Reason.Kind kind) {
        return switch (kind) {
            case CATEGORY -> BlockReason.LIST;
            case DENY_RULE -> BlockReason.DENY_RULE;
            case SCHEDULE -> BlockReason.SCHEDULE;
            case PAUSE -> BlockReason.PAUSE;
            case ALLOW_ONLY -> BlockReason.ALLOW_ONLY;
            case CANARY -> BlockReason.BYPASS_CANARY;
            case CNAME_CLOAKING -> BlockReason.CNAME_CLOAKING;
            case SAFE_SEARCH -> BlockReason.SAFESEARCH;
            case NO_RULE, ALLOW_RULE, TEMPORARY_ALLOW -> BlockReason.OTHER;
        };
    }

    /** What the client was told, as a parent would read it in the log. */
    static String answerOf(Decision.Response response, QueryContext query) {
        int type = query.question().type();
        return switch (response) {
            case NXDOMAIN -> "NXDOMAIN";
            case NODATA -> "NODATA";
            case ZERO_IP -> type == TYPE_A ? "0.0.0.0" : type == TYPE_AAAA ? "::" : "NODATA";
            case BLOCKPAGE -> query.local() == null || query.local().getAddress() == null ? "block page"
                    : "block page " + query.local().getAddress().getHostAddress();
        };
    }
}
