package org.hearth.gateway.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * How long a parent says yes for, and to whom: one device, or every device of the profile.
 * {@code today} ends at the next midnight in the box's time zone; {@code always} is not temporary
 * at all, it adds the site to the profile's allow list in hearth.yml.
 */
public record Approval(Period period, Scope scope) {

    /** For how long. */
    public enum Period {
        HOUR, TODAY, ALWAYS;

        /** When an approval given now ends, or null for ALWAYS. */
        Instant until(Clock clock) {
            Instant now = clock.instant();
            return switch (this) {
                case HOUR -> now.plus(Duration.ofHours(1));
                case TODAY -> LocalDate.ofInstant(now, clock.getZone()).plusDays(1).atStartOfDay(clock.getZone())
                        .toInstant();
                case ALWAYS -> null;
            };
        }
    }

    /** For whom. */
    public enum Scope {
        DEVICE, PROFILE
    }

    /**
     * Reads the API's words ({@code "hour" | "today" | "always"}, {@code "device" | "profile"}).
     *
     * @throws IllegalArgumentException naming the field when a word is not one of these
     */
    public static Approval parse(String period, String scope) {
        Period p = word(Period.class, "for", period, "hour, today or always");
        Scope s = scope == null ? Scope.DEVICE : word(Scope.class, "scope", scope, "device or profile");
        if (p == Period.ALWAYS && s == Scope.DEVICE) {
            // hearth.yml has allow lists per profile, not per device.
            throw new IllegalArgumentException("for: \"always\" adds the site to the profile's allow list;"
                    + " give scope \"profile\"");
        }
        return new Approval(p, s);
    }

    private static <E extends Enum<E>> E word(Class<E> type, String field, String value, String expected) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": \"" + value + "\" is not one of " + expected);
        }
    }
}
