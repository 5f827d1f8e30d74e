package org.hearth.gateway.log;

import java.time.LocalDate;

/** The small value types the statistics views return. */
public final class LogCounts {

    private LogCounts() {}

    /** How often a name was blocked. */
    public record NameCount(String name, long blocked) {}

    /** How many lookups of a category were blocked. */
    public record CategoryCount(String category, long blocked) {}

    /** Blocked lookups on one day (in the box's time zone), for charts. */
    public record DayCount(LocalDate day, long blocked) {}

    /** A device the log has seen, with the name it last had and when. */
    public record KnownDevice(String id, String name, java.time.Instant lastSeen) {}
}
