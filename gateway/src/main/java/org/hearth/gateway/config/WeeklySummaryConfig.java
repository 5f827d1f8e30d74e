package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code alerts.weeklySummary}: once a week, blocked counts by category for each device (counts only,
 * never names), from the log's daily aggregates.
 *
 * @param enabled on by default once a channel is configured
 * @param day mon..sun (default sun)
 * @param at HH:mm in the box's time zone (default 18:00); the summary covers the seven days up to then
 */
public record WeeklySummaryConfig(
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("day") String day,
        @JsonProperty("at") String at) {

    public WeeklySummaryConfig {
        enabled = enabled == null || enabled;
        day = day == null ? "sun" : day.strip();
        at = at == null ? "18:00" : at.strip();
    }

    public static final WeeklySummaryConfig DEFAULTS = new WeeklySummaryConfig(null, null, null);
}
