package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.app.GatewayChecks;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.manage.AuditTrail;
import org.hearth.gateway.manage.ConfigEditor;
import org.hearth.gateway.policy.Pauses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config-editing routes over real loopback HTTP with a real config file and editor (no DNS side:
 * ManageThroughGatewayTest has that): who may change what, and the refusals a parent can meet.
 */
class ManageRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            upstreams: ["192.0.2.1"]
            admin:
              listen: []
              users:
                - {name: admin, role: admin, passwordHash: "%1$s"}
                - {name: teacher, role: viewer, passwordHash: "%1$s"}
            categories: [homework-help]
            profiles:
              kids: {preset: child}
              guests: {preset: guest}
            devices:
              - {name: tablet, match: ["192.168.1.23"], profile: kids}
            defaultProfile: guests
            """;

    @TempDir
    Path dir;
    private Path file;
    /** hearth.yml as the test wrote it. */
    private String original;
    private AdminServer server;
    private final List<LoadedConfig> applied = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("hearth.yml");
        // The accounts the signed-in sessions below belong to: a session counts only while its account is in the file.
        original = CONFIG.formatted(PasswordHash.of("not used here".toCharArray(), 1_000, new SecureRandom()).encode());
        Files.writeString(file, original);
        Clock clock = Clock.systemUTC();
        LogDatabase database = LogDatabase.inDataDir(dir, clock);
        // As the gateway does on its first start: the log's file exists before the admin page reads it.
        BlockLog.start(database, LogConfig.defaults(), clock).close();
        ConfigEditor editor = new ConfigEditor(file, GatewayChecks.ALL, config -> {
            applied.add(config);
            return List.of();
        }, new AuditTrail(database, clock));
        server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dir,
                new AdminSources(new LogQueries(database), List::of, new Pauses(), clock, editor, null, null, null, null, null),
                new AdminServer.Options(Duration.ofMinutes(30), Duration.ofHours(1), 5, Duration.ofMinutes(15), 1_000),
                new ManualTicker());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private AdminClient signedIn(AdminRole role) {
        AdminClient client = new AdminClient(server.addresses().get(0));
        Sessions.Session session = server.sessions().create(role == AdminRole.ADMIN ? "admin" : "teacher", role);
        client.cookie = session.id();
        client.csrf = session.csrf();
        return client;
    }

    @Test
    void aViewerReadsEverythingAndChangesNothing() throws Exception {
        AdminClient viewer = signedIn(AdminRole.VIEWER);
        for (String path : List.of("/api/devices", "/api/profiles", "/api/categories", "/api/settings")) {
            assertThat(viewer.get(path).statusCode()).as(path).isEqualTo(200);
        }
        List<HttpResponse<String>> refused = List.of(
                viewer.post("/api/devices", "{\"name\":\"phone\",\"match\":[\"192.168.1.50\"],\"profile\":\"kids\"}"),
                viewer.send("PUT", "/api/devices/tablet", "{\"profile\":\"guests\"}"),
                viewer.send("DELETE", "/api/devices/tablet", ""),
                viewer.post("/api/profiles", "{\"name\":\"teens\",\"preset\":\"teen\"}"),
                viewer.send("PUT", "/api/profiles/kids", "{\"preset\":\"adult\"}"),
                viewer.send("DELETE", "/api/profiles/kids", ""),
                viewer.send("PUT", "/api/settings", "{\"blockingMode\":\"nxdomain\"}"),
                viewer.get("/api/config/export"),
                viewer.post("/api/config/import", "{\"yaml\":\"upstreams: [\\\"192.0.2.9\\\"]\\n\"}"));
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(403);
            assertThat(response.body()).contains("not-allowed");
        });
        assertThat(Files.readString(file)).isEqualTo(original);
        assertThat(applied).isEmpty();
    }

    @Test
    void profilesShowTheirPresetAppliedAndCannotBeDeletedWhileUsed() throws Exception {
        AdminClient admin = signedIn(AdminRole.ADMIN);
        JsonNode listed = JSON.readTree(admin.get("/api/profiles").body());
        assertThat(listed.get("presets").findValuesAsText("name")).contains("young-child", "child", "teen",
                "school-lab");
        assertThat(admin.send("DELETE", "/api/profiles/kids", "").body()).contains("tablet");
        assertThat(admin.send("DELETE", "/api/profiles/kids", "").statusCode()).isEqualTo(409);
        assertThat(admin.post("/api/profiles", "{\"name\":\"kids\",\"preset\":\"teen\"}").statusCode()).isEqualTo(409);
        assertThat(admin.post("/api/profiles", "{\"name\":\"<b>x</b>\",\"preset\":\"teen\"}").statusCode())
                .isEqualTo(400);
        assertThat(admin.post("/api/profiles", "{\"name\":\"teens\",\"preset\":\"nope\"}").body())
                .contains("profiles.teens.preset");

        assertThat(admin.post("/api/profiles", "{\"name\":\"teens\",\"preset\":\"teen\"}").statusCode()).isEqualTo(201);
        assertThat(admin.send("PUT", "/api/devices/tablet", "{\"name\":\"Dara's tablet\",\"profile\":\"teens\"}")
                .statusCode()).isEqualTo(200);
        assertThat(admin.send("DELETE", "/api/profiles/kids", "").statusCode()).isEqualTo(200);
        assertThat(Files.readString(file)).contains("teens", "Dara's tablet").doesNotContain("kids");
        assertThat(applied).hasSize(3);
        assertThat(admin.send("PUT", "/api/devices/nobody", "{\"profile\":\"teens\"}").statusCode()).isEqualTo(404);
        assertThat(admin.send("PUT", "/api/profiles/teens", "{\"preset\":\"teen\",\"colour\":\"red\"}").statusCode())
                .as("an unknown key is a mistake, not ignored").isEqualTo(400);
    }

    @Test
    void categoriesCarryPlainWordsAndSettingsSayWhatWaitsForARestart() throws Exception {
        AdminClient admin = signedIn(AdminRole.ADMIN);
        JsonNode categories = JSON.readTree(admin.get("/api/categories").body());
        assertThat(categories.findValuesAsText("id")).startsWith("adult", "gambling").contains("homework-help");
        for (JsonNode category : categories) {
            if (category.get("builtIn").asBoolean()) {
                assertThat(category.get("description").asText()).as(category.get("id").asText()).isNotBlank();
            }
        }

        JsonNode settings = JSON.readTree(admin.get("/api/settings").body());
        assertThat(settings.get("blockingMode").asText()).isEqualTo("zero-ip");
        assertThat(settings.get("blockTtl").asInt()).isEqualTo(5);
        HttpResponse<String> changed = admin.send("PUT", "/api/settings",
                "{\"blockingMode\":\"nxdomain\",\"upstreams\":[\"192.0.2.2\"],\"logRetention\":14}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(changed.body());
        assertThat(answer.get("restartNeeded")).as("upstreams and retention apply at once").isEmpty();
        assertThat(admin.send("PUT", "/api/settings", "{\"blockingMode\":\"loud\"}").statusCode()).isEqualTo(400);
        assertThat(admin.send("PUT", "/api/settings", "{\"defaultProfile\":\"nobody\"}").statusCode()).isEqualTo(400);
        JsonNode after = JSON.readTree(admin.get("/api/settings").body());
        assertThat(after.get("blockingMode").asText()).isEqualTo("nxdomain");
        assertThat(after.get("logRetention").asInt()).isEqualTo(14);
    }
}
