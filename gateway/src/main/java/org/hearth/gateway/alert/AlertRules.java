package org.hearth.gateway.alert;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hearth.gateway.config.AlertRuleConfig;
import org.hearth.gateway.config.AlertsConfig;
import org.hearth.gateway.config.Durations;

/**
 * Turns events into alerts by the configured rules: bursts of bypass attempts, repeated blocks in
 * serious categories, unblock requests, new devices. Thresholds, windows and per-device dedup live
 * here; quiet hours and delivery do not. Used from the alert thread only, so it keeps plain state.
 */
final class AlertRules {

    /** Remembered new devices; the outbox's unique keys remember them across restarts. */
    private static final int MAX_NEW_DEVICES = 8192;

    private final AlertsConfig config;
    private final DeviceBursts bypass;
    private final DeviceBursts serious;
    private final DeviceBursts unblock;
    private final Set<String> newDevices = new HashSet<>();

    AlertRules(AlertsConfig config) {
        this.config = config;
        this.bypass = bursts(config.bypass());
        this.serious = bursts(config.serious());
        this.unblock = bursts(config.unblockRequest());
    }

    /** The config this judges by, for quiet-hours choices per rule. */
    AlertRuleConfig rule(AlertRule rule) {
        return switch (rule) {
            case BYPASS -> config.bypass();
            case SERIOUS -> config.serious();
            case UNBLOCK_REQUEST -> config.unblockRequest();
            case NEW_DEVICE -> config.newDevice();
            case WEEKLY_SUMMARY, TEST -> null;
        };
    }

    /** The alerts this event raises: none, or one per rule it completes. */
    List<Alert> judge(AlertEvent event) {
        List<Alert> alerts = new ArrayList<>();
        if (event instanceof AlertEvent.Blocked blocked) {
            // Bypass first: a canary or a VPN name is about getting round the filter, whatever else it is.
            List<String> bypassCategories = matching(blocked.categories(), config.bypass().categories());
            if (config.bypass().enabled() && (blocked.canary() || !bypassCategories.isEmpty())) {
                bypass.add(blocked.deviceId(), blocked.time(), blocked.name(), bypassCategories)
                        .ifPresent(burst -> alerts.add(AlertTexts.bypass(blocked, burst, window(config.bypass()))));
            }
            List<String> seriousCategories = matching(blocked.categories(), config.serious().categories());
            if (config.serious().enabled() && !seriousCategories.isEmpty()) {
                serious.add(blocked.deviceId(), blocked.time(), blocked.name(), seriousCategories)
                        .ifPresent(burst -> alerts.add(AlertTexts.serious(blocked, burst, window(config.serious()))));
            }
        } else if (event instanceof AlertEvent.UnblockRequest request && config.unblockRequest().enabled()) {
            unblock.add(request.deviceId(), request.time(), request.domain(), List.of())
                    .ifPresent(burst -> alerts.add(AlertTexts.unblockRequest(request)));
        } else if (event instanceof AlertEvent.NewDevice device && config.newDevice().enabled()) {
            if (newDevices.size() >= MAX_NEW_DEVICES) {
                newDevices.clear(); // bounded memory; the outbox's unique key still refuses a second alert
            }
            if (newDevices.add(device.deviceId())) {
                alerts.add(AlertTexts.newDevice(device));
            }
        }
        return alerts;
    }

    private static DeviceBursts bursts(AlertRuleConfig rule) {
        return new DeviceBursts(rule.threshold(), rule.window());
    }

    private static String window(AlertRuleConfig rule) {
        return Durations.format(rule.window());
    }

    private static List<String> matching(List<String> categories, List<String> wanted) {
        List<String> out = new ArrayList<>();
        for (String c : categories) {
            if (wanted.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }
}
