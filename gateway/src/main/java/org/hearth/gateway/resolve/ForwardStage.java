package org.hearth.gateway.resolve;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;
import org.hearth.gateway.query.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * The last stage: asks the {@link UpstreamPool} and never hands on. It always answers, within the
 * pool's deadline: with the upstream's response (source UPSTREAM), or, when no upstream gave a
 * usable one, with SERVFAIL carrying Extended DNS Error 22 "No Reachable Authority" (source ERROR),
 * which the cache stage above may replace with a stale answer.
 */
public final class ForwardStage implements QueryStage {

    private static final Logger log = LoggerFactory.getLogger(ForwardStage.class);

    private final UpstreamPool pool;

    public ForwardStage(UpstreamPool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        CompletableFuture<byte[]> response;
        try {
            response = pool.resolve(UpstreamQuery.of(query));
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.handle((wire, failure) -> {
            if (failure == null) {
                return new Answer(wire, Answer.Source.UPSTREAM);
            }
            log.debug("upstream failure: {}", failure.getMessage());
            return new Answer(Responses.rcode(query.question(), Rcode.SERVFAIL), Answer.Source.ERROR,
                    new Answer.ExtendedError(Answer.ExtendedError.NO_REACHABLE_AUTHORITY, "no upstream answered"));
        });
    }
}
