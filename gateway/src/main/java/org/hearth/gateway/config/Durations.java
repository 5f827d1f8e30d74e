package org.hearth.gateway.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in hearth.yml: {@code 500ms}, {@code 2s}, {@code 30m}, {@code 1h},
 * {@code 1d}, combinations such as {@code 1h30m}, or ISO-8601 ({@code PT2S}). Negative durations are
 * never meaningful in the config, so they are refused here once.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");

    private Durations() {}

    /** Parses a config duration; the message of the exception says what is accepted. */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("is empty, expected a duration such as 2s, 500ms, 30m, 1h, 1d or PT2S");
        }
        if (s.charAt(0) == 'P' || s.charAt(0) == 'p') {
            return parseIso(s);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (!WHOLE.matcher(lower).matches()) {
            String hint = lower.chars().allMatch(Character::isDigit) ? " (a unit is required, e.g. " + s + "s)" : "";
            throw new IllegalArgumentException("\"" + s + "\" is not a duration" + hint
                    + "; write e.g. 2s, 500ms, 30m, 1h, 1d, 1h30m or PT2S");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(lower);
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("\"" + s + "\" is too long a duration");
        }
        return total;
    }

    private static Duration parseIso(String s) {
        Duration d;
        try {
            d = Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + s + "\" is not an ISO-8601 duration (e.g. PT2S, PT1H30M, P1D)");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("\"" + s + "\" is negative; durations must be zero or more");
        }
        return d;
    }

    /** The shortest form {@link #parse} reads back to the same value: 2s, 500ms, 1h30m, 1d. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return d.toString();
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long days = d.toDays();
        Duration rest = d.minusDays(days);
        append(out, days, "d");
        append(out, rest.toHours(), "h");
        append(out, rest.toMinutesPart(), "m");
        append(out, rest.toSecondsPart(), "s");
        if (rest.getNano() % 1_000_000 != 0) {
            return d.toString(); // sub-millisecond precision has no short form here; ISO keeps it exact
        }
        append(out, rest.toMillisPart(), "ms");
        return out.toString();
    }

    private static void append(StringBuilder out, long n, String unit) {
        if (n != 0) {
            out.append(n).append(unit);
        }
    }
}
