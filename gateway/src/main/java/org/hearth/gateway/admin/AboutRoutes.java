package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hearth.blocklists.source.SourceStatus;
import org.hearth.gateway.lists.ListsRuntime;

/**
 * What anyone on the network may ask without signing in: whether the box is healthy (for a monitor
 * or the Pi's status LED script; counts only, no names, addresses or devices) and the OpenAPI
 * description of the API.
 */
final class AboutRoutes {

    static final String OPENAPI = "/admin-api/openapi.json";

    private final Supplier<GatewayHealth> health;
    private final ListsRuntime lists;
    private final byte[] openApi;

    AboutRoutes(Supplier<GatewayHealth> health, ListsRuntime lists) throws IOException {
        this.health = health;
        this.lists = lists;
        try (InputStream in = AboutRoutes.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IOException("the jar has no " + OPENAPI);
            }
            this.openApi = in.readAllBytes();
        }
    }

    void register(Javalin app) {
        app.get("/api/health", this::health, AdminRole.OPEN);
        app.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), AdminRole.OPEN);
    }

    /**
     * {@code GET /api/health}: {status: ok|degraded|down, dns, upstreams, lists, uptimeSeconds}. Down: no
     * upstream answers, so every allowed name fails; degraded: some upstream or list source is failing,
     * or no list is in force.
     */
    private void health(Context ctx) {
        GatewayHealth dns = health == null ? null : health.get();
        Map<String, Object> body = new LinkedHashMap<>();
        String status = "ok";
        if (dns == null) {
            body.put("dns", Map.of("state", "unknown"));
            body.put("upstreams", Map.of("state", "unknown"));
        } else {
            body.put("dns", Map.of("state", dns.dnsListeners() > 0 ? "up" : "down", "listeners", dns.dnsListeners()));
            body.put("upstreams", Map.of("total", dns.upstreams(), "down", dns.upstreamsDown()));
            if (dns.dnsListeners() == 0 || dns.upstreamsDown() >= dns.upstreams()) {
                status = "down";
            } else if (dns.upstreamsDown() > 0) {
                status = "degraded";
            }
        }
        if (lists != null) {
            List<SourceStatus> sources = lists.statuses();
            long failing = sources.stream().filter(s -> s.lastError() != null).count();
            long domains = lists.holder().current().size();
            body.put("lists", Map.of("sources", sources.size(), "failing", failing, "domains", domains));
            if ("ok".equals(status) && (failing > 0 || (!sources.isEmpty() && domains == 0))) {
                status = "degraded";
            }
        } else {
            body.put("lists", Map.of("state", "unknown"));
        }
        body.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.putAll(body);
        ctx.status("down".equals(status) ? 503 : 200).json(answer);
    }
}
