package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * One alert rule under {@code alerts:} (see gateway/ALERTS.md). A key left out takes the rule's own
 * default, which {@link AlertsConfig} supplies, so the compact constructor keeps nulls.
 *
 * @param enabled whether the rule alerts at all
 * @param threshold how many matching events of one device within {@code window} raise the alert
 * @param window the sliding window, and the per-device quiet time after an alert (one per window)
 * @param categories which categories count (serious and bypass rules only)
 * @param quietHours during alerts.quietHours: hold (send when they end), drop, or send anyway
 */
public record AlertRuleConfig(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("threshold") Integer threshold,
        @JsonProperty("window") Duration window,
        @JsonProperty("categories") List<String> categories,
        @JsonProperty("quietHours") String quietHours) {

    public AlertRuleConfig {
        categories = categories == null ? null : List.copyOf(categories);
    }

    /** Every key this rule left out, taken from {@code defaults}. */
    AlertRuleConfig orDefaults(AlertRuleConfig defaults) {
        return new AlertRuleConfig(enabled != null ? enabled : defaults.enabled,
                threshold != null ? threshold : defaults.threshold,
                window != null ? window : defaults.window,
                categories != null ? categories : defaults.categories,
                quietHours != null ? quietHours : defaults.quietHours);
    }
}
