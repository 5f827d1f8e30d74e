package org.hearth.gateway.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words of each alert, for a parent or teacher reading them on a phone. Each text names only what
 * raised the alert: the blocked names of the burst, the asked-for name, the device, or counts.
 */
final class AlertTexts {

    /** A child's message is a few words; the web server bounds it too, this keeps a phone screen safe. */
    static final int MAX_MESSAGE = 500;

    private AlertTexts() {}

    static Alert serious(AlertEvent.Blocked last, DeviceBursts.Burst burst, String window) {
        String title = "Hearth: repeated blocked lookups on " + last.deviceName();
        String text = last.deviceName() + " was blocked " + burst.events() + " times within " + window
                + " in the categories " + String.join(", ", burst.categories()) + ". Blocked names: "
                + String.join(", ", burst.names()) + ".";
        return alert(AlertRule.SERIOUS, last.deviceId(), last.deviceName(), last.time(), title, text, burst.names());
    }

    static Alert bypass(AlertEvent.Blocked last, DeviceBursts.Burst burst, String window) {
        String title = "Hearth: " + last.deviceName() + " may be trying to get round the filter";
        String what = burst.categories().isEmpty() ? "bypass checks" : String.join(", ", burst.categories());
        String text = last.deviceName() + " looked up " + burst.events() + " blocked names within " + window
                + " that are used to get round the filter (" + what + "): " + String.join(", ", burst.names())
                + ".";
        return alert(AlertRule.BYPASS, last.deviceId(), last.deviceName(), last.time(), title, text, burst.names());
    }

    static Alert unblockRequest(AlertEvent.UnblockRequest request) {
        String title = "Hearth: " + request.deviceName() + " asks to unblock " + request.domain();
        String words = request.message() == null ? "" : request.message().strip();
        if (words.codePointCount(0, words.length()) > MAX_MESSAGE) {
            words = words.substring(0, words.offsetByCodePoints(0, MAX_MESSAGE)) + "…"; // never half an emoji
        }
        String message = words.isEmpty() ? "" : " The message: \"" + words + "\"";
        String text = request.deviceName() + " asks for " + request.domain() + " to be unblocked." + message
                + " Answer it on the admin page.";
        return alert(AlertRule.UNBLOCK_REQUEST, request.deviceId(), request.deviceName(), request.time(), title, text,
                List.of(request.domain()));
    }

    static Alert newDevice(AlertEvent.NewDevice device) {
        String name = device.hostname() != null ? device.hostname() : device.deviceId();
        String title = "Hearth: a new device joined the network: " + name;
        StringBuilder text = new StringBuilder("A device Hearth has not seen before asked its first question: ")
                .append(name).append(" (");
        text.append(device.ip() == null ? "" : "address " + device.ip());
        text.append(device.mac() == null ? "" : (device.ip() == null ? "" : ", ") + "MAC " + device.mac());
        text.append("). It follows the default profile until you give it one on the admin page.");
        // The key has no time: a device is new once, across restarts.
        return new Alert(AlertRule.NEW_DEVICE.id() + ":" + device.deviceId(), AlertRule.NEW_DEVICE,
                device.deviceId(), name, device.time(), title, text.toString(), List.of(), List.of());
    }

    /** One alert for the week: a section per device with blocks, categories by count. */
    static Alert weeklySummary(LocalDate from, LocalDate to, Instant time, List<Alert.Count> counts) {
        String title = "Hearth: weekly summary " + from + " to " + to;
        StringBuilder text = new StringBuilder("Blocked lookups by category, " + from + " to " + to
                + " (counts only).");
        if (counts.isEmpty()) {
            text.append("\nNothing was blocked this week.");
        }
        Map<String, StringBuilder> devices = new TreeMap<>();
        for (Alert.Count c : counts) {
            devices.computeIfAbsent(c.deviceName() + " (" + c.deviceId() + ")", d -> new StringBuilder())
                    .append("\n  ").append(c.category()).append(": ").append(c.blocked());
        }
        devices.forEach((device, lines) -> text.append("\n").append(device).append(':').append(lines));
        return new Alert(AlertRule.WEEKLY_SUMMARY.id() + ":" + to, AlertRule.WEEKLY_SUMMARY, "*", "all devices", time,
                title, text.toString(), List.of(), counts);
    }

    static Alert test(Instant time) {
        return new Alert(AlertRule.TEST.id() + ":" + time.toEpochMilli(), AlertRule.TEST, "*", "test", time,
                "Hearth: test alert", "This is a test alert from Hearth. If you read it, alerts reach you here.",
                List.of(), List.of());
    }

    private static Alert alert(AlertRule rule, String deviceId, String deviceName, Instant time, String title,
            String text, List<String> names) {
        return new Alert(rule.id() + ":" + deviceId + ":" + time.toEpochMilli(), rule, deviceId, deviceName, time,
                title, text, names, List.of());
    }
}
