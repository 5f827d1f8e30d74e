package org.hearth.gateway.alert;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hearth.gateway.config.WeeklySummaryConfig;
import org.hearth.gateway.log.LogCounts.CategoryCount;
import org.hearth.gateway.log.LogCounts.KnownDevice;
import org.hearth.gateway.log.LogQueries;

/**
 * The weekly summary: blocked counts by category for each device, from the log's daily aggregates
 * (which hold no names), for the seven days that end on the configured day. Due from the configured
 * time for a day, so a box that was off at that moment still sends it when it comes back that day.
 */
final class WeeklySummary {

    /** Past this a missed summary is old news, and a new install does not send last week's. */
    static final Duration GRACE = Duration.ofDays(1);
    /** Categories per device: the catalog has about twenty, plus a school's own. */
    private static final int MAX_CATEGORIES = 64;

    private final DayOfWeek day;
    private final LocalTime at;
    private final ZoneId zone;
    private final LogQueries log;

    WeeklySummary(WeeklySummaryConfig config, ZoneId zone, LogQueries log) {
        this.day = dayOf(config.day());
        this.at = LocalTime.parse(config.at());
        this.zone = zone;
        this.log = log;
    }

    /** The last day the summary was due on at or before {@code now}, or empty when that is past the grace. */
    Optional<LocalDate> dueDay(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate candidate = local.toLocalDate().with(TemporalAdjusters.previousOrSame(day));
        Instant due = candidate.atTime(at).atZone(zone).toInstant();
        if (due.isAfter(now)) {
            candidate = candidate.minusWeeks(1);
            due = candidate.atTime(at).atZone(zone).toInstant();
        }
        return Duration.between(due, now).compareTo(GRACE) < 0 ? Optional.of(candidate) : Optional.empty();
    }

    /** The summary for the week ending on {@code last} (that day included). */
    Alert build(LocalDate last, Instant now) throws SQLException {
        LocalDate first = last.minusDays(6);
        List<Alert.Count> counts = new ArrayList<>();
        for (KnownDevice device : log.devices()) {
            for (CategoryCount c : log.topCategories(device.id(), first, last, MAX_CATEGORIES)) {
                if (c.blocked() > 0) {
                    counts.add(new Alert.Count(device.id(), device.name(), c.category(), c.blocked()));
                }
            }
        }
        return AlertTexts.weeklySummary(first, last, now, counts);
    }

    static DayOfWeek dayOf(String text) {
        String day = text.toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(day) && day.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("\"" + text + "\" is not a day (mon..sun)");
    }
}
