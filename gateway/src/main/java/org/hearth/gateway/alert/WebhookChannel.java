package org.hearth.gateway.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts each alert as JSON (gateway/ALERTS.md shows the shape) with an {@code Idempotency-Key} header
 * that stays the same on every retry of one delivery.
 */
final class WebhookChannel implements Channel {

    private final URI url;
    private final HttpPost http;

    WebhookChannel(URI url, HttpPost http) {
        this.url = url;
        this.http = http;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(Alert alert, String idempotencyKey) throws DeliveryException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", idempotencyKey);
        body.put("rule", alert.rule().id());
        body.put("device", Map.of("id", alert.deviceId(), "name", alert.deviceName()));
        body.put("time", alert.time());
        body.put("title", alert.title());
        body.put("text", alert.text());
        body.put("names", alert.names());
        if (!alert.counts().isEmpty()) {
            body.put("counts", alert.counts());
        }
        byte[] json;
        try {
            json = AlertJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new DeliveryException("webhook: cannot write the alert as JSON: " + e.getOriginalMessage(), e);
        }
        http.post("webhook", url, json, Map.of("Content-Type", "application/json", "Idempotency-Key",
                idempotencyKey));
    }
}
