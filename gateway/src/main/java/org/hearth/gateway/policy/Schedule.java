package org.hearth.gateway.policy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;
import org.hearth.blocklists.CategorySet;

/**
 * A compiled weekly window that tightens a profile. {@code days} are the days the window starts on;
 * a window whose end is not after its start runs into the next day (21:00 to 07:00), and one whose
 * end equals its start lasts 24 hours.
 *
 * @param extra categories blocked on top of the profile's during the window
 * @param blockAll everything but the allow list is blocked during the window
 */
public record Schedule(String name, Set<DayOfWeek> days, LocalTime from, LocalTime to, CategorySet extra,
        boolean blockAll) {

    public Schedule {
        days = Set.copyOf(days);
    }

    /** Whether the window is in force at this local time (the box's zone). */
    public boolean activeAt(ZonedDateTime now) {
        LocalTime time = now.toLocalTime();
        DayOfWeek day = now.getDayOfWeek();
        if (from.isBefore(to)) {
            return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
        }
        // Crosses midnight: the evening part belongs to today's start, the morning part to yesterday's.
        return (days.contains(day) && !time.isBefore(from))
                || (days.contains(day.minus(1)) && time.isBefore(to));
    }
}
