package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/health}: open, counts only, and its status follows the upstreams (a monitor reads the code). */
class HealthRouteTest {

    @TempDir
    Path dir;

    @Test
    void statusIsOkDegradedOrDownWith503AsTheUpstreamsGo() throws Exception {
        AtomicReference<GatewayHealth> health = new AtomicReference<>(new GatewayHealth(2, 2, 0));
        try (AdminServer server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dir,
                new AdminSources(new LogQueries(LogDatabase.inDataDir(dir, Clock.systemUTC())), List::of, new Pauses(),
                        Clock.systemUTC(), null, null, null, null, null, health::get),
                ConfigBackedAdmin.FAST, new ManualTicker())) {
            AdminClient anyone = new AdminClient(server.addresses().get(0));

            HttpResponse<String> ok = anyone.get("/api/health");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).startsWith("{\"status\":\"ok\",\"dns\":{").contains("\"listeners\":2",
                    "\"upstreams\":{", "\"total\":2", "\"down\":0", "\"uptimeSeconds\":");

            health.set(new GatewayHealth(2, 2, 1));
            HttpResponse<String> degraded = anyone.get("/api/health");
            assertThat(degraded.statusCode()).isEqualTo(200);
            assertThat(degraded.body()).startsWith("{\"status\":\"degraded\"");

            health.set(new GatewayHealth(2, 2, 2));
            HttpResponse<String> down = anyone.get("/api/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("{\"status\":\"down\"");
        }
    }
}
