package org.hearth.gateway.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.hearth.gateway.config.QuietHoursConfig;

/** The daily quiet window of alerts.quietHours in the box's zone; one that ends not after it starts crosses midnight. */
final class QuietHours {

    private final LocalTime from;
    private final LocalTime to;
    private final ZoneId zone;

    private QuietHours(LocalTime from, LocalTime to, ZoneId zone) {
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    /** Null fields mean none: the config was checked, so both times parse when either is set. */
    static QuietHours of(QuietHoursConfig config, ZoneId zone) {
        if (!config.on()) {
            return new QuietHours(null, null, zone);
        }
        return new QuietHours(LocalTime.parse(config.from()), LocalTime.parse(config.to()), zone);
    }

    /** When the quiet hours that {@code now} falls in end; empty outside them (or when there are none). */
    Optional<Instant> endOf(Instant now) {
        if (from == null || from.equals(to)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to) ? Optional.of(at(day, to)) : Optional.empty();
        }
        if (!time.isBefore(from)) {
            return Optional.of(at(day.plusDays(1), to)); // late evening: ends tomorrow morning
        }
        return time.isBefore(to) ? Optional.of(at(day, to)) : Optional.empty();
    }

    private Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(zone).toInstant();
    }
}
