package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code alerts.quietHours}: a daily window, in the box's time zone, in which alerts are held (or
 * dropped, per rule). A {@code to} not after {@code from} ends the next day (22:00 to 07:00). Both
 * empty: no quiet hours.
 */
public record QuietHoursConfig(@JsonProperty("from") String from, @JsonProperty("to") String to) {

    public QuietHoursConfig {
        from = from == null ? "" : from.strip();
        to = to == null ? "" : to.strip();
    }

    public static final QuietHoursConfig NONE = new QuietHoursConfig(null, null);

    public boolean on() {
        return !from.isEmpty() || !to.isEmpty();
    }
}
