package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One weekly window of a profile's {@code schedules:}, in the box's time zone. A window whose
 * {@code to} is not after its {@code from} ends on the next day (bedtime 21:00 to 07:00).
 *
 * @param name shown in explanations and the log ("bedtime", "homework")
 * @param days the days the window starts on: mon..sun, or weekdays, weekends, daily (default daily)
 * @param from start, HH:mm
 * @param to end, HH:mm (exclusive)
 * @param block extra categories blocked during the window
 * @param blockAll everything but the allow list is blocked during the window (bedtime)
 */
public record ScheduleConfig(
        @JsonProperty("name") String name,
        @JsonProperty("days") List<String> days,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("block") List<String> block,
        @JsonProperty("blockAll") Boolean blockAll) {

    public ScheduleConfig {
        days = days == null ? List.of("daily") : List.copyOf(days);
        block = block == null ? List.of() : List.copyOf(block);
        blockAll = blockAll != null && blockAll;
    }
}
