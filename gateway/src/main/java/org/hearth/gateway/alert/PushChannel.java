package org.hearth.gateway.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hearth.gateway.config.PushAlertConfig;

/**
 * A push service reached by one POST. ntfy: the text is the body, the title a header, the token a
 * bearer token. Gotify: JSON title/message/priority, the token in X-Gotify-Key. Both get an
 * {@code Idempotency-Key} header.
 */
final class PushChannel implements Channel {

    private final URI url;
    private final String token;
    private final String format;
    private final HttpPost http;

    PushChannel(PushAlertConfig config, HttpPost http) {
        this.url = URI.create(config.url());
        this.token = config.token() == null || config.token().isEmpty() ? null : config.token();
        this.format = config.format();
        this.http = http;
    }

    @Override
    public String name() {
        return "push";
    }

    @Override
    public void send(Alert alert, String idempotencyKey) throws DeliveryException {
        boolean urgent = alert.rule() == AlertRule.BYPASS || alert.rule() == AlertRule.SERIOUS;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", idempotencyKey);
        byte[] body;
        if (PushAlertConfig.GOTIFY.equals(format)) {
            headers.put("Content-Type", "application/json");
            if (token != null) {
                headers.put("X-Gotify-Key", token);
            }
            try {
                body = AlertJson.MAPPER.writeValueAsBytes(Map.of("title", alert.title(), "message", alert.text(),
                        "priority", urgent ? 8 : 5));
            } catch (JsonProcessingException e) {
                throw new DeliveryException("push: cannot write the alert as JSON: " + e.getOriginalMessage(), e);
            }
        } else {
            headers.put("Content-Type", "text/plain; charset=utf-8");
            headers.put("Title", header(alert.title()));
            headers.put("Priority", urgent ? "high" : "default");
            headers.put("Tags", alert.rule().id());
            if (token != null) {
                headers.put("Authorization", "Bearer " + token);
            }
            body = alert.text().getBytes(StandardCharsets.UTF_8);
        }
        http.post("push", url, body, headers);
    }

    /** HTTP headers are ASCII; a device name in Khmer goes as RFC 2047 encoded-words, which ntfy reads. */
    static String header(String text) {
        try {
            return MimeUtility.encodeText(text, "UTF-8", "B").replaceAll("[\\r\\n]+", " ");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always there", e);
        }
    }
}
