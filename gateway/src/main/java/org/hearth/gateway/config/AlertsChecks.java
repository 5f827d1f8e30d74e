package org.hearth.gateway.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hearth.blocklists.CategoryCatalog;

/** The checks of the {@code alerts:} section, run with the standard ones (gateway/ALERTS.md). */
final class AlertsChecks {

    static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final Set<String> QUIET = Set.of(AlertsConfig.HOLD, AlertsConfig.DROP, AlertsConfig.SEND);

    private AlertsChecks() {}

    static void check(List<ConfigProblem> problems, AlertsConfig alerts, Set<String> customCategories) {
        EmailAlertConfig email = alerts.email();
        if (email.on()) {
            if (email.port() < 1 || email.port() > 65535) {
                problems.add(new ConfigProblem("alerts.email.port", email.port() + " is not a port (1 to 65535)"));
            }
            address(problems, "alerts.email.from", email.from(), "is required (the sender, e.g. hearth@example.org)");
            if (email.to().isEmpty()) {
                problems.add(new ConfigProblem("alerts.email.to", "is required (one or more recipients)"));
            }
            for (int i = 0; i < email.to().size(); i++) {
                address(problems, "alerts.email.to[" + i + "]", email.to().get(i), "is empty");
            }
            if (email.password() != null && (email.username() == null || email.username().isBlank())) {
                problems.add(new ConfigProblem("alerts.email.username", "is required when a password is given"));
            }
        }
        if (alerts.webhook().on()) {
            url(problems, "alerts.webhook.url", alerts.webhook().url());
        }
        PushAlertConfig push = alerts.push();
        if (push.on()) {
            url(problems, "alerts.push.url", push.url());
        }
        if (!PushAlertConfig.NTFY.equals(push.format()) && !PushAlertConfig.GOTIFY.equals(push.format())) {
            problems.add(new ConfigProblem("alerts.push.format", "\"" + push.format() + "\" is not ntfy or gotify"));
        }
        if (alerts.quietHours().on()) {
            time(problems, "alerts.quietHours.from", alerts.quietHours().from());
            time(problems, "alerts.quietHours.to", alerts.quietHours().to());
        }
        rule(problems, "alerts.unblockRequest", alerts.unblockRequest(), customCategories);
        rule(problems, "alerts.bypass", alerts.bypass(), customCategories);
        rule(problems, "alerts.serious", alerts.serious(), customCategories);
        rule(problems, "alerts.newDevice", alerts.newDevice(), customCategories);
        WeeklySummaryConfig weekly = alerts.weeklySummary();
        if (!DAYS.contains(weekly.day().toLowerCase(Locale.ROOT))) {
            problems.add(new ConfigProblem("alerts.weeklySummary.day", "\"" + weekly.day() + "\" is not a day ("
                    + String.join(", ", DAYS) + ")"));
        }
        time(problems, "alerts.weeklySummary.at", weekly.at());
        if (alerts.delivery().maxAttempts() < 1) {
            problems.add(new ConfigProblem("alerts.delivery.maxAttempts", alerts.delivery().maxAttempts()
                    + " must be 1 or more"));
        }
        positive(problems, "alerts.delivery.retryAfter", alerts.delivery().retryAfter());
    }

    private static void rule(List<ConfigProblem> problems, String path, AlertRuleConfig rule, Set<String> custom) {
        if (rule.threshold() < 1) {
            problems.add(new ConfigProblem(path + ".threshold", rule.threshold() + " must be 1 or more"));
        }
        positive(problems, path + ".window", rule.window());
        if (!QUIET.contains(rule.quietHours())) {
            problems.add(new ConfigProblem(path + ".quietHours", "\"" + rule.quietHours()
                    + "\" is not hold, drop or send"));
        }
        for (int i = 0; i < rule.categories().size(); i++) {
            String id = rule.categories().get(i);
            if (!CategoryCatalog.BUILT_IN_IDS.contains(id) && !custom.contains(id)) {
                problems.add(new ConfigProblem(path + ".categories[" + i + "]", "\"" + id + "\" is not a category;"
                        + " use one of " + String.join(", ", CategoryCatalog.BUILT_IN_IDS)
                        + ", or declare it under categories:"));
            }
        }
    }

    private static void positive(List<ConfigProblem> problems, String path, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(new ConfigProblem(path, "\"" + Durations.format(value) + "\" must be longer than zero"));
        }
    }

    private static void address(List<ConfigProblem> problems, String path, String value, String whenMissing) {
        if (value == null || value.isBlank()) {
            problems.add(new ConfigProblem(path, whenMissing));
            return;
        }
        try {
            new InternetAddress(value, true).validate();
        } catch (AddressException e) {
            problems.add(new ConfigProblem(path, "\"" + value + "\" is not an e-mail address"));
        }
    }

    private static void url(List<ConfigProblem> problems, String path, String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.add(new ConfigProblem(path, "is not an http(s) URL")); // the URL itself may be a secret
            } else if (uri.getHost() == null) {
                problems.add(new ConfigProblem(path, "is not a URL (no host)"));
            }
        } catch (URISyntaxException e) {
            problems.add(new ConfigProblem(path, "is not a URL (" + e.getReason() + ")"));
        }
    }

    private static void time(List<ConfigProblem> problems, String path, String value) {
        try {
            LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new ConfigProblem(path, "\"" + value + "\" is not a time of day (HH:mm, e.g. 22:00)"));
        }
    }
}
