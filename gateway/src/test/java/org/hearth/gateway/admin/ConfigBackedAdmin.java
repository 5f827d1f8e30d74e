package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hearth.gateway.app.GatewayChecks;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.manage.AuditTrail;
import org.hearth.gateway.manage.ConfigEditor;
import org.hearth.gateway.policy.Pauses;

/**
 * An admin server whose accounts live in a real hearth.yml (through a real ConfigEditor with the
 * gateway's checks, audited into a real hearth.db), on a loopback port. No gateway behind it: what
 * the editor wrote is collected in {@link #applied} instead of put into force.
 */
final class ConfigBackedAdmin implements AutoCloseable {

    static final String CONFIG = """
            dns:
              listen: ["127.0.0.1:0"]
            upstreams: ["127.0.0.1:9"]
            admin:
              listen: ["127.0.0.1:0"]
            """;
    static final AdminServer.Options FAST = new AdminServer.Options(Duration.ofMinutes(30), Duration.ofHours(12), 5,
            Duration.ofMinutes(15), 1_000);

    final Path dir;
    final Path file;
    final ConfigEditor editor;
    final List<LoadedConfig> applied = new CopyOnWriteArrayList<>();
    final AdminServer server;

    ConfigBackedAdmin(Path dir, String config, AdminSourcesTweak tweak) throws Exception {
        this.dir = dir;
        this.file = dir.resolve("hearth.yml");
        if (!Files.exists(file)) {
            Files.writeString(file, config);
        }
        Clock clock = Clock.systemUTC();
        LogDatabase database = LogDatabase.inDataDir(dir, clock);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            log.flush(Duration.ofSeconds(10)); // creates hearth.db, as the gateway does at start
        }
        this.editor = new ConfigEditor(file, GatewayChecks.ALL, next -> {
            applied.add(next);
            return List.of();
        }, new AuditTrail(database, clock));
        AdminSources sources = tweak.tweak(new AdminSources(new LogQueries(database), List::of, new Pauses(), clock,
                editor, null, null, null, null, null));
        this.server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dir, sources, FAST,
                new ManualTicker());
    }

    ConfigBackedAdmin(Path dir) throws Exception {
        this(dir, CONFIG, sources -> sources);
    }

    /** Changes what the server is given (lists, health) before it starts. */
    @FunctionalInterface
    interface AdminSourcesTweak {
        AdminSources tweak(AdminSources sources);
    }

    AdminClient browser() {
        return new AdminClient(server.addresses().get(0));
    }

    /** First-run setup with the code from the data folder: the first admin, signed in. */
    AdminClient setUp(String name, String password) throws Exception {
        AdminClient browser = browser();
        String code = Files.readString(dir.resolve(SetupCode.FILE_NAME)).strip();
        String body = name == null ? "{\"code\":\"" + code + "\",\"password\":\"" + password + "\"}"
                : "{\"code\":\"" + code + "\",\"password\":\"" + password + "\",\"name\":\"" + name + "\"}";
        assertThat(browser.post("/api/setup", body).statusCode()).isEqualTo(200);
        return browser;
    }

    AdminClient signIn(String name, String password) throws Exception {
        AdminClient browser = browser();
        HttpResponse<String> response = browser.post("/api/login",
                "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return browser;
    }

    static HttpResponse<String> delete(AdminClient browser, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = browser.request(path).DELETE();
        if (browser.csrf != null) {
            request.header(AdminAccess.CSRF_HEADER, browser.csrf);
        }
        return browser.send(request.build());
    }

    @Override
    public void close() {
        server.close();
    }
}
