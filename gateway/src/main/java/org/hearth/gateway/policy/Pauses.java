package org.hearth.gateway.policy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Devices paused by a parent ("no internet for 30 minutes"), by device id, until an instant.
 * Readers take an immutable map through one volatile read; the rare writes copy it.
 */
public final class Pauses {

    private volatile Map<String, Instant> until = Map.of();

    /** When the device's pause ends, or null when it is not paused (an ended pause reads as ended). */
    public Instant until(String deviceId) {
        return deviceId == null ? null : until.get(deviceId);
    }

    public synchronized void pause(String deviceId, Instant end) {
        Map<String, Instant> next = new HashMap<>(until);
        next.put(Objects.requireNonNull(deviceId), Objects.requireNonNull(end));
        until = Map.copyOf(next);
    }

    public synchronized void resume(String deviceId) {
        Map<String, Instant> next = new HashMap<>(until);
        next.remove(deviceId);
        until = Map.copyOf(next);
    }

    /** Forgets pauses that ended before {@code now}, so the map does not grow. */
    public synchronized void expire(Instant now) {
        Map<String, Instant> next = new HashMap<>(until);
        next.values().removeIf(end -> !end.isAfter(now));
        until = Map.copyOf(next);
    }

    public Map<String, Instant> all() {
        return until;
    }
}
