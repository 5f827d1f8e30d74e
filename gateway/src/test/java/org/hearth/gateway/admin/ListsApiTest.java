package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.app.GatewayChecks;
import org.hearth.gateway.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lists API of a real gateway whose list source is a real HTTP server on loopback serving one of
 * the shared real lists: status with the domain count, refresh now, a failing source, add and remove
 * through hearth.yml; and the open health route beside it.
 */
class ListsApiTest {

    private static final Path SHARED = sharedLists();
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean failing = new AtomicBoolean();

    @TempDir
    Path dir;
    private HttpServer lists;
    private Gateway gateway;
    private AdminClient admin;

    @BeforeEach
    void start() throws Exception {
        lists = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lists.createContext("/", exchange -> {
            Path file = SHARED.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (failing.get() || !file.startsWith(SHARED) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(failing.get() ? 500 : 404, -1);
            } else {
                exchange.sendResponseHeaders(200, Files.size(file));
                Files.copy(file, exchange.getResponseBody());
            }
            exchange.close();
        });
        lists.start();
        Files.writeString(dir.resolve("hearth.yml"), """
                dns:
                  listen: ["127.0.0.1:0"]
                upstreams: ["127.0.0.1:9"]
                admin:
                  listen: ["127.0.0.1:0"]
                lists:
                  - name: doh
                    category: dns-bypass
                    source: %s/dibdot/doh-domains.txt
                """.formatted(base()));
        gateway = Gateway.start(ConfigLoader.load(dir.resolve("hearth.yml"), GatewayChecks.ALL));
        admin = new AdminClient(gateway.adminAddresses().get(0));
        String code = Files.readString(dir.resolve(SetupCode.FILE_NAME)).strip();
        assertThat(admin.post("/api/setup", "{\"code\":\"" + code + "\",\"password\":\"a good password\"}").statusCode())
                .isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        lists.stop(0);
    }

    @Test
    void aRefreshFetchesTheSourceAndTheStatusCountsItsDomainsThenAFailureIsShownAndTheListKept() throws Exception {
        HttpResponse<String> refresh = admin.post("/api/lists/refresh", "");
        assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);

        JsonNode doh = list("doh");
        assertThat(doh.path("category").asText()).isEqualTo("dns-bypass");
        assertThat(doh.path("status").path("state").asText()).isEqualTo("ok");
        assertThat(doh.path("status").path("domains").asLong()).isGreaterThan(1_000);
        assertThat(doh.path("status").path("lastSuccess").isNull()).isFalse();
        assertThat(doh.path("status").path("lastAttempt").isNull()).isFalse();

        failing.set(true);
        lists.removeContext("/");
        lists.createContext("/", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        assertThat(admin.post("/api/lists/refresh", "").body()).contains("\"failed\":1");
        JsonNode failed = list("doh");
        assertThat(failed.path("status").path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("status").path("error").asText()).contains("500");
        assertThat(failed.path("status").path("domains").asLong()).as("the last good copy stays").isGreaterThan(1_000);

        HttpResponse<String> health = new AdminClient(gateway.adminAddresses().get(0)).get("/api/health");
        assertThat(health.statusCode()).as("open to anyone: %s", health.body()).isEqualTo(200);
        JsonNode body = json.readTree(health.body());
        assertThat(body.path("status").asText()).as("a failing list degrades").isEqualTo("degraded");
        assertThat(body.path("dns").path("state").asText()).isEqualTo("up");
        assertThat(body.path("lists").path("failing").asInt()).isEqualTo(1);
        assertThat(body.path("uptimeSeconds").isNumber()).isTrue();
        assertThat(health.body()).as("no private data").doesNotContain("127.0.0.1", "doh", "admin");
    }

    @Test
    void anAdminAddsAndRemovesAListThroughHearthYml() throws Exception {
        HttpResponse<String> added = admin.post("/api/lists",
                "{\"name\":\"vaping\",\"category\":\"drugs\",\"source\":\"" + base() + "/blocklistproject/vaping.hosts.txt\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(Files.readString(dir.resolve("hearth.yml"))).contains("name: vaping", "category: drugs");
        assertThat(list("vaping").path("status").path("state").asText()).isIn("pending", "ok");

        assertThat(admin.post("/api/lists", "{\"name\":\"VAPING\",\"category\":\"drugs\",\"source\":\"lists/x.txt\"}")
                .statusCode()).isEqualTo(409);
        HttpResponse<String> bad = admin.post("/api/lists",
                "{\"name\":\"odd\",\"category\":\"no-such-category\",\"source\":\"ftp://example.org/x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("lists[2].category", "lists[2].source");
        assertThat(Files.readString(dir.resolve("hearth.yml"))).doesNotContain("odd");

        for (String outside : java.util.List.of("/etc/hearth/hearth.yml", "../hearth.db", "lists/../../x.txt",
                "hearth.yml", "lists/../hearth.yml.bak", "hearth.db")) {
            assertThat(admin.post("/api/lists", "{\"name\":\"peek\",\"category\":\"drugs\",\"source\":\"" + outside
                    + "\"}").statusCode()).as(outside).isEqualTo(400);
        }
        assertThat(ConfigBackedAdmin.delete(admin, "/api/lists/vaping").statusCode()).isEqualTo(204);
        assertThat(ConfigBackedAdmin.delete(admin, "/api/lists/vaping").statusCode()).isEqualTo(404);
        assertThat(json.readTree(admin.get("/api/lists").body()).path("lists")).extracting(l -> l.path("name").asText())
                .containsExactly("doh");
        assertThat(admin.get("/api/audit").body()).contains("\"who\":\"admin\"", "added list \\\"vaping\\\"",
                "removed list \\\"vaping\\\"");
    }

    private JsonNode list(String name) throws Exception {
        HttpResponse<String> response = admin.get("/api/lists");
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode list : json.readTree(response.body()).path("lists")) {
            if (list.path("name").asText().equals(name)) {
                return list;
            }
        }
        throw new AssertionError("no list " + name + " in " + response.body());
    }

    private String base() {
        return "http://127.0.0.1:" + lists.getAddress().getPort();
    }

    /** shared/data/blocklists beside the repository (a checkout, CI's clone), else the machine's copy. */
    private static Path sharedLists() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/blocklists");
            if (Files.exists(candidate.resolve("manifest.tsv"))) {
                return candidate;
            }
        }
        return Path.of("/work/shared/data/blocklists");
    }
}
