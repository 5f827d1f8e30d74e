package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code alerts.delivery}: how a failed delivery is retried. Each channel retries on its own; the wait
 * doubles from {@code retryAfter} (capped at an hour) until {@code maxAttempts} have failed.
 */
public record AlertDeliveryConfig(
        @JsonProperty("maxAttempts") Integer maxAttempts,
        @JsonProperty("retryAfter") Duration retryAfter) {

    public AlertDeliveryConfig {
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
    }

    public static final AlertDeliveryConfig DEFAULTS = new AlertDeliveryConfig(null, null);
}
