package org.hearth.gateway.resolve;

import org.hearth.gateway.query.QueryContext;

/**
 * What makes two questions share one cached answer. DO and CD are part of it because they change
 * the answer: DO adds RRSIGs, CD lets a validating upstream return data it would otherwise SERVFAIL.
 *
 * @param name the normalised name (lower case, no trailing dot)
 */
public record CacheKey(String name, int type, int dclass, boolean dnssecOk, boolean checkingDisabled) {

    public static CacheKey of(QueryContext query) {
        return new CacheKey(query.question().key(), query.question().type(), query.question().dclass(),
                query.dnssecOk(), query.checkingDisabled());
    }
}
