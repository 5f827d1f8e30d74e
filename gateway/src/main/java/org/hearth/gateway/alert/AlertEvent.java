package org.hearth.gateway.alert;

import java.time.Instant;
import java.util.List;

/** Something that may raise an alert, queued by the DNS path or the web server, judged by {@link AlertRules}. */
sealed interface AlertEvent {

    Instant time();

    /** A lookup the policy blocked; {@code canary} when a bypass canary (Reason.Kind.CANARY) decided. */
    record Blocked(String deviceId, String deviceName, String name, List<String> categories, boolean canary,
            Instant time) implements AlertEvent {}

    /** A child asked, from the "why" page, for a name to be unblocked. */
    record UnblockRequest(String deviceId, String deviceName, String domain, String message, Instant time)
            implements AlertEvent {}

    /** A device no config entry names asked for the first time. */
    record NewDevice(String deviceId, String ip, String mac, String hostname, Instant time) implements AlertEvent {}
}
