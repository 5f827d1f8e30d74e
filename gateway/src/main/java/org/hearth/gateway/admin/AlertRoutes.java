package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.alert.Alerts;
import org.hearth.gateway.config.ConfigMapper;

/**
 * Alerts in the admin API (gateway/ALERTS.md): the {@code alerts:} section in force, secrets replaced,
 * with the latest deliveries; and a test alert to every channel. Editing the section goes through the
 * config editing API like every other section.
 */
final class AlertRoutes {

    /** Deliveries shown: a few weeks of alerts on a busy box. */
    static final int RECENT = 100;

    /** Null on a gateway without the alert service: the routes stay, and answer 503. */
    private final Alerts service;

    AlertRoutes(Alerts alerts) {
        this.service = alerts;
    }

    private Alerts alerts() {
        if (service == null) {
            throw new AdminRefusal(503, "alerts are not available on this gateway");
        }
        return service;
    }

    void register(Javalin app) {
        app.get("/api/alerts", this::show, AdminRole.VIEWER);
        app.post("/api/alerts/test", this::test, AdminRole.ADMIN);
    }

    /** {@code GET /api/alerts}: {config, deliveries (newest first), dropped}. */
    private void show(Context ctx) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        // The config's own JSON form (durations as "10m"), as the YAML has them.
        body.put("config", ConfigMapper.json().valueToTree(alerts().redactedConfig()));
        body.put("deliveries", alerts().recentDeliveries(RECENT));
        body.put("dropped", alerts().dropped());
        ctx.json(body);
    }

    /** {@code POST /api/alerts/test}: sends a test alert to each channel now; {results: [{channel, delivered, error}]}. */
    private void test(Context ctx) {
        List<Alerts.TestResult> results = alerts().sendTest();
        if (results.isEmpty()) {
            throw new AdminRefusal(409, "no alert channel is configured: set alerts.email, alerts.webhook or"
                    + " alerts.push first");
        }
        ctx.json(Map.of("results", results));
    }
}
