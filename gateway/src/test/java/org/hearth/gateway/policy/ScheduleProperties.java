package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.hearth.blocklists.CategorySet;

/** Schedule windows against a plain reference: "some listed day starts a window that is still open". */
class ScheduleProperties {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);

    @Property
    void windowIsActiveExactlyWhenAStartThisWeekOrLastCoversTheMoment(
            @ForAll @Size(min = 1, max = 7) Set<DayOfWeek> days,
            @ForAll @IntRange(min = 0, max = 1439) int fromMinute,
            @ForAll @IntRange(min = 0, max = 1439) int toMinute,
            @ForAll @IntRange(min = 0, max = 7 * 1440 - 1) int momentMinute) {
        LocalTime from = LocalTime.MIN.plusMinutes(fromMinute);
        LocalTime to = LocalTime.MIN.plusMinutes(toMinute);
        Schedule s = new Schedule("w", EnumSet.copyOf(days), from, to, CategorySet.EMPTY, true);
        LocalDateTime moment = MONDAY.atStartOfDay().plusMinutes(momentMinute);
        ZonedDateTime now = moment.atZone(ZoneOffset.UTC);

        // Length of a window: up to `to` the same day, else into the next day (equal means 24 h).
        long length = toMinute > fromMinute ? toMinute - fromMinute : toMinute - fromMinute + 1440;
        boolean expected = false;
        for (int back = 0; back <= 1; back++) {
            LocalDate startDay = moment.toLocalDate().minusDays(back);
            LocalDateTime start = startDay.atTime(from);
            expected |= days.contains(startDay.getDayOfWeek()) && !moment.isBefore(start)
                    && moment.isBefore(start.plusMinutes(length));
        }
        assertThat(s.activeAt(now)).isEqualTo(expected);
    }
}
