package org.hearth.gateway.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the CLI's {@code --since}: a date (2026-11-01, midnight local time), an age (90m, 24h, 7d) or an instant. */
final class TimeSpec {

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})([smhd])");

    private TimeSpec() {}

    static Instant parse(String text, Clock clock) {
        Matcher age = AGE.matcher(text.trim());
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration back = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(back);
        }
        try {
            return LocalDate.parse(text.trim()).atStartOfDay(clock.getZone()).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException notAnInstant) {
                throw new IllegalArgumentException("\"" + text + "\" is not a time: use a date (2026-11-01),"
                        + " an age (30m, 24h, 7d) or an instant (2026-11-01T08:00:00Z)");
            }
        }
    }
}
