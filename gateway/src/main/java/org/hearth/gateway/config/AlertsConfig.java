package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The {@code alerts:} section (gateway/ALERTS.md): the channels a parent or teacher is told on (e-mail,
 * webhook, push), the rules that raise an alert, quiet hours, the weekly summary and retries. With no
 * channel configured nothing is alerted. Secrets (SMTP password, push token, webhook path) are kept
 * here and shown back only through {@link #redacted()}.
 */
public record AlertsConfig(
        @JsonProperty("email") EmailAlertConfig email,
        @JsonProperty("webhook") WebhookAlertConfig webhook,
        @JsonProperty("push") PushAlertConfig push,
        @JsonProperty("quietHours") QuietHoursConfig quietHours,
        @JsonProperty("unblockRequest") AlertRuleConfig unblockRequest,
        @JsonProperty("bypass") AlertRuleConfig bypass,
        @JsonProperty("serious") AlertRuleConfig serious,
        @JsonProperty("newDevice") AlertRuleConfig newDevice,
        @JsonProperty("weeklySummary") WeeklySummaryConfig weeklySummary,
        @JsonProperty("delivery") AlertDeliveryConfig delivery) {

    /** What a secret reads as in the admin API and a config export; sent back unchanged it means "keep". */
    public static final String SECRET = "********";

    public static final String HOLD = "hold";
    public static final String DROP = "drop";
    public static final String SEND = "send";

    /** The categories a child should never be in repeatedly: CategoryCatalog ids. */
    static final List<String> SERIOUS = List.of("adult", "self-harm", "hate", "dating", "chat");
    /** Lookups that try to get round the filter. Canary hits count too, whatever their category. */
    static final List<String> BYPASS = List.of("dns-bypass", "proxy-vpn");

    static final AlertRuleConfig UNBLOCK_DEFAULTS = new AlertRuleConfig(true, 1, Duration.ofMinutes(1), List.of(),
            HOLD);
    static final AlertRuleConfig BYPASS_DEFAULTS = new AlertRuleConfig(true, 5, Duration.ofMinutes(10), BYPASS,
            HOLD);
    static final AlertRuleConfig SERIOUS_DEFAULTS = new AlertRuleConfig(true, 5, Duration.ofMinutes(10), SERIOUS,
            HOLD);
    static final AlertRuleConfig NEW_DEVICE_DEFAULTS = new AlertRuleConfig(true, 1, Duration.ofDays(1), List.of(),
            HOLD);

    public AlertsConfig {
        email = email == null ? EmailAlertConfig.OFF : email;
        webhook = webhook == null ? WebhookAlertConfig.OFF : webhook;
        push = push == null ? PushAlertConfig.OFF : push;
        quietHours = quietHours == null ? QuietHoursConfig.NONE : quietHours;
        unblockRequest = (unblockRequest == null ? UNBLOCK_DEFAULTS : unblockRequest).orDefaults(UNBLOCK_DEFAULTS);
        bypass = (bypass == null ? BYPASS_DEFAULTS : bypass).orDefaults(BYPASS_DEFAULTS);
        serious = (serious == null ? SERIOUS_DEFAULTS : serious).orDefaults(SERIOUS_DEFAULTS);
        newDevice = (newDevice == null ? NEW_DEVICE_DEFAULTS : newDevice).orDefaults(NEW_DEVICE_DEFAULTS);
        weeklySummary = weeklySummary == null ? WeeklySummaryConfig.DEFAULTS : weeklySummary;
        delivery = delivery == null ? AlertDeliveryConfig.DEFAULTS : delivery;
    }

    /** No channel, every rule at its default: what a config without {@code alerts:} means. */
    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether any channel is configured; without one nothing is alerted or stored. */
    public boolean anyChannel() {
        return email.on() || webhook.on() || push.on();
    }

    /**
     * This section with every secret replaced by {@link #SECRET}: the SMTP password, the push token and
     * the webhook URL's path and query. What the admin API shows and a config export writes.
     */
    public AlertsConfig redacted() {
        EmailAlertConfig e = email.password() == null ? email : new EmailAlertConfig(email.host(), email.port(),
                email.starttls(), email.username(), SECRET, email.from(), email.to());
        PushAlertConfig p = push.token() == null ? push : new PushAlertConfig(push.url(), SECRET, push.format());
        WebhookAlertConfig w = webhook.on() ? new WebhookAlertConfig(origin(webhook.url()) + "/" + SECRET) : webhook;
        return new AlertsConfig(e, w, p, quietHours, unblockRequest, bypass, serious, newDevice, weeklySummary,
                delivery);
    }

    /**
     * An edited section whose secrets still read {@link #SECRET} (the editor sent back what it was shown)
     * with those secrets taken from {@code current}: editing the quiet hours must not blank the password.
     */
    public AlertsConfig keepSecrets(AlertsConfig current) {
        EmailAlertConfig e = !SECRET.equals(email.password()) ? email : new EmailAlertConfig(email.host(),
                email.port(), email.starttls(), email.username(), current.email.password(), email.from(), email.to());
        PushAlertConfig p = !SECRET.equals(push.token()) ? push
                : new PushAlertConfig(push.url(), current.push.token(), push.format());
        WebhookAlertConfig w = webhook.on() && webhook.url().endsWith("/" + SECRET)
                && current.webhook.on() && origin(current.webhook.url()).equals(origin(webhook.url()))
                ? current.webhook : webhook;
        return new AlertsConfig(e, w, p, quietHours, unblockRequest, bypass, serious, newDevice, weeklySummary,
                delivery);
    }

    /** scheme://host[:port] of a URL, or the marker alone when it is not one. */
    static String origin(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return SECRET;
            }
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@'); // user:password@ is a secret too
            return uri.getScheme() + "://" + (at < 0 ? authority : authority.substring(at + 1));
        } catch (java.net.URISyntaxException e) {
            return SECRET;
        }
    }
}
