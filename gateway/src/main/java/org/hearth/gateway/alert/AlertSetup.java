package org.hearth.gateway.alert;

import java.net.URI;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hearth.gateway.config.AlertsConfig;
import org.hearth.gateway.log.LogQueries;

/**
 * What one {@code alerts:} section builds: its channels, rules, quiet hours and weekly summary. Replaced
 * whole when the config changes; the rules' windows start afresh then.
 */
record AlertSetup(AlertsConfig config, Map<String, Channel> channels, AlertRules rules, QuietHours quietHours,
        WeeklySummary weekly) {

    /** The config was checked (AlertsChecks), so its URLs, times and days parse. */
    static AlertSetup of(AlertsConfig config, ZoneId zone, LogQueries log, HttpPost http) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        if (config.email().on()) {
            channels.put("email", new EmailChannel(config.email()));
        }
        if (config.webhook().on()) {
            channels.put("webhook", new WebhookChannel(URI.create(config.webhook().url()), http));
        }
        if (config.push().on()) {
            channels.put("push", new PushChannel(config.push(), http));
        }
        return new AlertSetup(config, Map.copyOf(channels), new AlertRules(config), QuietHours.of(config.quietHours(),
                zone), new WeeklySummary(config.weeklySummary(), zone, log));
    }

    /** Built for tests with channels of their own. */
    static AlertSetup of(AlertsConfig config, ZoneId zone, LogQueries log, Map<String, Channel> channels) {
        return new AlertSetup(config, Map.copyOf(channels), new AlertRules(config), QuietHours.of(config.quietHours(),
                zone), new WeeklySummary(config.weeklySummary(), zone, log));
    }

    /** Whether a block in these categories could matter to a rule: checked on the event loop, so cheap. */
    boolean wants(java.util.List<String> categories, boolean canary) {
        if (channels.isEmpty()) {
            return false;
        }
        if (canary) {
            return config.bypass().enabled();
        }
        for (String c : categories) {
            if ((config.serious().enabled() && config.serious().categories().contains(c))
                    || (config.bypass().enabled() && config.bypass().categories().contains(c))) {
                return true;
            }
        }
        return false;
    }
}
