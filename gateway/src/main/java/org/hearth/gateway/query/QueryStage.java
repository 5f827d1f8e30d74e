package org.hearth.gateway.query;

import java.util.concurrent.CompletionStage;

/**
 * One step of a question's way through the gateway. A stage either answers (completes the stage
 * with an {@link Answer}) or hands the query on with {@code next.handle(query)}, perhaps looking at
 * the answer on its way back.
 *
 * <p>Contract: a stage never blocks the calling thread (it runs on a Netty event loop); it never
 * throws, and a failed future means "this query could not be answered" (the edge turns it into
 * SERVFAIL). A stage that answers with a block is also the one that logs it.
 */
@FunctionalInterface
public interface QueryStage {

    CompletionStage<Answer> handle(QueryContext query, Chain next);
}
