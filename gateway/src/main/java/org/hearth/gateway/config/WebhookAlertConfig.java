package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code alerts.webhook}: each alert is POSTed as JSON to {@code url} (chat bridges, home automation).
 * Off while the URL is empty. The URL's path often is the secret (chat webhooks), so only its origin
 * is shown back.
 */
public record WebhookAlertConfig(@JsonProperty("url") String url) {

    public WebhookAlertConfig {
        url = url == null ? "" : url.strip();
    }

    public static final WebhookAlertConfig OFF = new WebhookAlertConfig(null);

    public boolean on() {
        return !url.isEmpty();
    }
}
