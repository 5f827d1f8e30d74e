package org.hearth.gateway.admin;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.hearth.gateway.alert.Alerts;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.hearth.gateway.policy.SeenDevice;

/**
 * What the admin API reads and changes in the running gateway.
 *
 * @param log the blocked-lookup log, read-only
 * @param unknownDevices the devices the policy saw that no config entry names, most recent first
 * @param pauses the policy's paused devices, which the API sets and ends
 * @param clock the wall clock and the box's time zone: pauses end by it, the log's days follow it
 * @param alerts the alert service, or null when there is none (no /api/alerts routes then)
 */
public record AdminSources(LogQueries log, Supplier<List<SeenDevice>> unknownDevices, Pauses pauses, Clock clock,
        Alerts alerts) {

    /** Without alerts. */
    public AdminSources(LogQueries log, Supplier<List<SeenDevice>> unknownDevices, Pauses pauses, Clock clock) {
        this(log, unknownDevices, pauses, clock, null);
    }
}
