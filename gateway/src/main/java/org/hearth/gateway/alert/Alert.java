package org.hearth.gateway.alert;

import java.time.Instant;
import java.util.List;

/**
 * One alert, as every channel sends it. It carries only what raised it: the blocked names of the burst
 * that crossed the threshold (never other history), or the counts of a weekly summary.
 *
 * @param key unique per alert: the outbox refuses a second alert with the same key (dedup over restarts)
 * @param rule what raised it
 * @param deviceId the device's id as the log has it ("*" for the weekly summary)
 * @param deviceName the name a parent knows it by
 * @param time when it was raised
 * @param title one line (e-mail subject, push title)
 * @param text the message, in plain words
 * @param names the blocked names that triggered it (empty when none did)
 * @param counts for the weekly summary: blocked lookups per device and category
 */
public record Alert(String key, AlertRule rule, String deviceId, String deviceName, Instant time, String title,
        String text, List<String> names, List<Count> counts) {

    public Alert {
        names = names == null ? List.of() : List.copyOf(names);
        counts = counts == null ? List.of() : List.copyOf(counts);
    }

    /** Blocked lookups of one device in one category over the summary's week. */
    public record Count(String deviceId, String deviceName, String category, long blocked) {}
}
