package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The {@code log:} section: what the blocked-lookup log keeps and for how long (see gateway/LOG.md).
 * Private by default: allowed lookups are not recorded unless {@code allowed: true}.
 *
 * @param retentionDays blocked entries older than this are deleted
 * @param maxSizeMb cap on the space entries use in hearth.db; past it the oldest entries go first
 * @param aggregateRetentionDays daily counts per device and category (no names) are kept this long
 * @param allowed whether allowed lookups are recorded at all
 * @param allowedRetentionDays allowed entries are kept this long (shorter: they are browsing history)
 * @param queueSize entries waiting for the writer; past it new entries are dropped and counted
 * @param batchInterval the writer commits at least this often, which bounds what a crash can lose
 */
public record LogConfig(
        @JsonProperty("retentionDays") Integer retentionDays,
        @JsonProperty("maxSizeMb") Integer maxSizeMb,
        @JsonProperty("aggregateRetentionDays") Integer aggregateRetentionDays,
        @JsonProperty("allowed") Boolean allowed,
        @JsonProperty("allowedRetentionDays") Integer allowedRetentionDays,
        @JsonProperty("queueSize") Integer queueSize,
        @JsonProperty("batchInterval") Duration batchInterval) {

    public LogConfig {
        retentionDays = atLeast("log.retentionDays", retentionDays, 30, 1);
        maxSizeMb = atLeast("log.maxSizeMb", maxSizeMb, 256, 1);
        aggregateRetentionDays = atLeast("log.aggregateRetentionDays", aggregateRetentionDays, 365, 1);
        allowed = allowed != null && allowed;
        allowedRetentionDays = atLeast("log.allowedRetentionDays", allowedRetentionDays, 7, 1);
        queueSize = atLeast("log.queueSize", queueSize, 10_000, 16);
        batchInterval = batchInterval == null ? Duration.ofMillis(250) : batchInterval;
        // Over a second would break the promise that kill -9 loses at most the last second.
        if (batchInterval.isNegative() || batchInterval.isZero() || batchInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("log.batchInterval: " + batchInterval + " must be above 0 and at most 1s");
        }
    }

    /** Every default: 30 days, 256 MiB, aggregates a year, allowed lookups off (7 days when on). */
    public static LogConfig defaults() {
        return new LogConfig(null, null, null, null, null, null, null);
    }

    public long maxSizeBytes() {
        return maxSizeMb * 1024L * 1024L;
    }

    private static int atLeast(String key, Integer value, int fallback, int min) {
        if (value == null) {
            return fallback;
        }
        if (value < min) {
            throw new IllegalArgumentException(key + ": " + value + " must be at least " + min);
        }
        return value;
    }
}
