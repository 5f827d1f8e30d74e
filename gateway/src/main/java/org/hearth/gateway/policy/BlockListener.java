package org.hearth.gateway.policy;

import org.hearth.gateway.query.QueryContext;

/**
 * Told of every block as it is answered (the blocked-lookup log). Called on the event loop: it must
 * not block; hand the work to a queue.
 */
@FunctionalInterface
public interface BlockListener {

    BlockListener NONE = (query, decision) -> {};

    void blocked(QueryContext query, Decision.Blocked decision);
}
