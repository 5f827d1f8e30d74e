package org.hearth.gateway.guard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;
import org.hearth.gateway.query.Responses;
import org.xbill.DNS.Rcode;

/**
 * Answers only clients in dns.allow; everyone else gets REFUSED, so the box is never an open
 * resolver. REFUSED rather than silence: a misconfigured device on the network learns at once that
 * it is not allowed instead of timing out, and a REFUSED answer is no bigger than the question, so
 * it gives no amplification to a spoofed source.
 */
public final class GuardStage implements QueryStage {

    private final AccessList access;
    private final LongAdder refused = new LongAdder();

    public GuardStage(AccessList access) {
        this.access = access;
    }

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        if (query.client() == null || !access.allows(query.client().getAddress())) {
            refused.increment();
            return CompletableFuture.completedFuture(
                    new Answer(Responses.rcode(query.question(), Rcode.REFUSED), Answer.Source.ERROR,
                            new Answer.ExtendedError(Answer.ExtendedError.PROHIBITED, "client not in dns.allow")));
        }
        return next.handle(query);
    }

    /** Queries refused so far. */
    public long refused() {
        return refused.sum();
    }
}
