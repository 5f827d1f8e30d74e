package org.hearth.gateway.log;

import java.time.Instant;
import java.util.Locale;

/**
 * What a log view shows; every field is optional (null = no restriction).
 *
 * @param deviceId entries of this device id
 * @param profile entries under this profile
 * @param category entries with this category among theirs
 * @param nameContains entries whose name contains this text (case-insensitive)
 * @param since entries at or after this instant
 * @param until entries before this instant
 */
public record LogFilter(String deviceId, String profile, String category, String nameContains, Instant since,
        Instant until) {

    public LogFilter {
        nameContains = nameContains == null || nameContains.isEmpty() ? null : nameContains.toLowerCase(Locale.ROOT);
    }

    public static LogFilter all() {
        return new LogFilter(null, null, null, null, null, null);
    }

    public LogFilter withDevice(String id) {
        return new LogFilter(id, profile, category, nameContains, since, until);
    }

    public LogFilter withProfile(String name) {
        return new LogFilter(deviceId, name, category, nameContains, since, until);
    }

    public LogFilter withCategory(String id) {
        return new LogFilter(deviceId, profile, id, nameContains, since, until);
    }

    public LogFilter withNameContaining(String text) {
        return new LogFilter(deviceId, profile, category, text, since, until);
    }

    public LogFilter between(Instant from, Instant to) {
        return new LogFilter(deviceId, profile, category, nameContains, from, to);
    }
}
