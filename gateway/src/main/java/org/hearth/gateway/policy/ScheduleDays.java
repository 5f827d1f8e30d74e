package org.hearth.gateway.policy;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The day names a schedule may use: mon..sun (or full names), weekdays, weekends, daily. */
final class ScheduleDays {

    private ScheduleDays() {}

    /** The days a word means, or null when it means none. */
    static Set<DayOfWeek> parse(String word) {
        if (word == null) {
            return null;
        }
        String w = word.strip().toLowerCase(Locale.ROOT);
        switch (w) {
            case "daily", "every day", "all":
                return EnumSet.allOf(DayOfWeek.class);
            case "weekdays":
                return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            case "weekends", "weekend":
                return EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            default:
                break;
        }
        if (w.length() < 3) {
            return null;
        }
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (full.equals(w) || full.substring(0, 3).equals(w)) {
                return EnumSet.of(d);
            }
        }
        return null;
    }
}
