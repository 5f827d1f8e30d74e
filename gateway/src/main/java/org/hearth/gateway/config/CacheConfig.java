package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The {@code cache:} section.
 *
 * @param maxEntries bound on cached answers (positive and negative together)
 * @param minTtl answers are kept at least this long (clamps tiny upstream TTLs)
 * @param maxTtl answers are kept at most this long
 * @param negativeMaxTtl NXDOMAIN/NODATA are kept at most this long (RFC 2308 allows up to 3 h)
 * @param staleFor how long past expiry an answer may still be served when no upstream answers
 *     (RFC 8767 suggests 1 to 3 days); zero turns serve-stale off
 */
public record CacheConfig(
        @JsonProperty("maxEntries") Integer maxEntries,
        @JsonProperty("minTtl") Duration minTtl,
        @JsonProperty("maxTtl") Duration maxTtl,
        @JsonProperty("negativeMaxTtl") Duration negativeMaxTtl,
        @JsonProperty("staleFor") Duration staleFor) {

    public CacheConfig {
        maxEntries = maxEntries == null ? 20_000 : maxEntries;
        minTtl = minTtl == null ? Duration.ZERO : minTtl;
        maxTtl = maxTtl == null ? Duration.ofDays(1) : maxTtl;
        negativeMaxTtl = negativeMaxTtl == null ? Duration.ofHours(1) : negativeMaxTtl;
        staleFor = staleFor == null ? Duration.ofDays(1) : staleFor;
    }
}
