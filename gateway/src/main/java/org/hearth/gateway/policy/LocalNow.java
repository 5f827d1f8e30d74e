package org.hearth.gateway.policy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * The box's local time as the policy reads it for every question: schedules are written in minutes
 * and pauses and approvals in instants a parent chose, so the time to the second is exact enough,
 * and working out the date and zone offset once a second instead of per question saves a few
 * percent of a cached answer's CPU. Truncated, never rounded up: a pause or approval ends at most
 * one second late, never early. Shared by the event loops; a stale read only recomputes.
 */
final class LocalNow {

    private final Clock clock;
    private volatile Second last;

    LocalNow(Clock clock) {
        this.clock = clock;
    }

    ZonedDateTime get() {
        long second = Math.floorDiv(clock.millis(), 1000); // millis(): no Instant per question
        Second cached = last;
        if (cached != null && cached.epochSecond() == second) {
            return cached.time();
        }
        // The zone is read every second: a changed box time zone takes effect within one.
        Second fresh = new Second(second, ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), clock.getZone()));
        last = fresh;
        return fresh.time();
    }

    private record Second(long epochSecond, ZonedDateTime time) {}
}
