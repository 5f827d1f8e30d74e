package org.hearth.gateway.query;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The rest of the stages, as seen from one stage: hand a query on and get its answer back. */
@FunctionalInterface
public interface Chain {

    CompletionStage<Answer> handle(QueryContext query);

    /**
     * Links stages in order. The last stage must answer; if it hands on anyway the query fails,
     * which the edge answers with SERVFAIL.
     */
    static Chain of(QueryStage... stages) {
        return of(List.of(stages));
    }

    static Chain of(List<QueryStage> stages) {
        Chain tail = query -> CompletableFuture.failedFuture(
                new IllegalStateException("no stage answered " + query.question()));
        for (int i = stages.size() - 1; i >= 0; i--) {
            QueryStage stage = stages.get(i);
            Chain rest = tail;
            tail = query -> {
                try {
                    return stage.handle(query, rest);
                } catch (RuntimeException e) {
                    // The contract says stages never throw; if one does, the query fails, not the loop.
                    return CompletableFuture.failedFuture(e);
                }
            };
        }
        return tail;
    }
}
