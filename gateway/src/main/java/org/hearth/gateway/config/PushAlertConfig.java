package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code alerts.push}: a push service reached by one HTTP POST, such as ntfy or Gotify, which puts the
 * alert on the parent's phone. Off while the URL is empty.
 *
 * @param url the topic (ntfy: https://ntfy.example/hearth) or message endpoint (Gotify: .../message)
 * @param token a secret: ntfy sends it as "Authorization: Bearer", Gotify as "X-Gotify-Key"
 * @param format ntfy (plain-text body, Title header; the default) or gotify (JSON title/message/priority)
 */
public record PushAlertConfig(
        @JsonProperty("url") String url,
        @JsonProperty("token") String token,
        @JsonProperty("format") String format) {

    public static final String NTFY = "ntfy";
    public static final String GOTIFY = "gotify";

    public PushAlertConfig {
        url = url == null ? "" : url.strip();
        format = format == null ? NTFY : format;
    }

    public static final PushAlertConfig OFF = new PushAlertConfig(null, null, null);

    public boolean on() {
        return !url.isEmpty();
    }
}
