package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.BlockReason;
import org.hearth.gateway.log.BlockedLookup;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.hearth.gateway.policy.SeenDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin server over real loopback HTTP, with a real SQLite log behind it. */
class AdminServerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T18:00:00Z");
    private static final AdminServer.Options FAST = new AdminServer.Options(Duration.ofMinutes(30),
            Duration.ofHours(12), 3, Duration.ofMinutes(15), 1_000);

    @TempDir
    Path dataDir;
    private final ManualTicker ticker = new ManualTicker();
    private LogDatabase database;
    private AdminServer server;
    private AdminClient browser;
    /** What the policy's device registry would hold; tests change it while the server runs. */
    private volatile List<SeenDevice> seen = List.of();
    private final Pauses pauses = new Pauses();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void start() throws Exception {
        database = LogDatabase.inDataDir(dataDir, clock);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            for (int i = 0; i < 5; i++) {
                log.offer(new BlockedLookup(NOW.minusSeconds(60L * i), "tablet", "Kid tablet", "192.168.1.23", "kids",
                        "casino" + i + ".example", 1, List.of("gambling"), BlockReason.LIST, "ut1-gambling",
                        "0.0.0.0"));
            }
            log.offer(new BlockedLookup(NOW, "laptop", "Lab laptop", "192.168.1.40", "lab", "chat.example", 1,
                    List.of("chat"), BlockReason.LIST, "ut1-chat", "0.0.0.0"));
            log.flush(Duration.ofSeconds(20));
        }
        server = startServer();
        browser = new AdminClient(server.addresses().get(0));
    }

    private AdminServer startServer() throws IOException {
        return AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dataDir,
                new AdminSources(new LogQueries(database), () -> seen, pauses, clock, null, null, null, null, null, null), FAST, ticker);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String setupCode() throws IOException {
        return Files.readString(dataDir.resolve(SetupCode.FILE_NAME)).strip();
    }

    private void setUp(String password) throws Exception {
        assertThat(browser.post("/api/setup", json("code", setupCode(), "password", password)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void firstRunNeedsTheSetupCodeFromTheDataFolder() throws Exception {
        HttpResponse<String> session = browser.get("/api/session");
        assertThat(session.statusCode()).isEqualTo(401);
        assertThat(session.body()).contains("\"setupNeeded\":true");

        assertThat(browser.post("/api/setup", json("code", "WRONGCODE234", "password", "a good password"))
                .statusCode()).isEqualTo(403);
        assertThat(Files.exists(dataDir.resolve(AdminPassword.FILE_NAME))).isFalse();

        String typed = setupCode().toLowerCase().substring(0, 6) + "-" + setupCode().substring(6);
        HttpResponse<String> setup = browser.post("/api/setup", json("code", typed, "password", "a good password"));
        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(browser.cookie).isNotNull();
        assertThat(Files.exists(dataDir.resolve(SetupCode.FILE_NAME))).as("the code is spent").isFalse();
        assertThat(Files.readString(dataDir.resolve(AdminPassword.FILE_NAME))).startsWith("pbkdf2-sha256$1000$")
                .doesNotContain("a good password");
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(AdminPassword.FILE_NAME)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        AdminClient other = new AdminClient(server.addresses().get(0));
        assertThat(other.post("/api/setup", json("code", typed, "password", "attacker password")).statusCode())
                .isEqualTo(409);
    }

    @Test
    void setupRefusesAShortPasswordAndKeepsTheCode() throws Exception {
        HttpResponse<String> response = browser.post("/api/setup", json("code", setupCode(), "password", "short"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("at least 8 characters");
        assertThat(Files.exists(dataDir.resolve(SetupCode.FILE_NAME))).isTrue();
    }

    @Test
    void apiNeedsASignedInSession() throws Exception {
        assertThat(browser.get("/api/blocked").statusCode()).isEqualTo(401);
        assertThat(browser.get("/api/devices").statusCode()).isEqualTo(401);

        browser.cookie = "forged-session-id";
        assertThat(browser.get("/api/blocked").statusCode()).isEqualTo(401);
    }

    @Test
    void otherSpellingsOfAProtectedPathNeverShowTheLogWithoutASession() throws Exception {
        setUp("a good password");
        browser.cookie = null;
        for (String path : List.of("/api/blocked", "/api/blocked/", "/api/%62locked", "/%61pi/blocked",
                "//api/blocked", "/./api/blocked", "/api//blocked", "/API/blocked", "/api/blocked;x=1",
                "/x/../api/blocked", "/api/blocked%2f", "/api/devices/")) {
            HttpResponse<String> response = browser.get(path);
            // 500 is Jetty refusing "/./" as an alias while Javalin looks for a static file: nothing served.
            assertThat(response.statusCode()).as(path).isIn(400, 401, 404, 500);
            assertThat(response.body()).as(path).doesNotContain("casino", "Kid tablet");
        }
    }

    @Test
    void signedInAdminPagesThroughTheBlockedLog() throws Exception {
        setUp("a good password");

        HttpResponse<String> first = browser.get("/api/blocked?limit=4");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(first.body()).contains("chat.example", "casino0.example", "\"deviceName\":\"Kid tablet\"",
                "\"time\":\"2026-11-28T18:00:00Z\"").doesNotContain("casino4.example");
        String next = first.body().replaceAll(".*\"next\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> second = browser.get("/api/blocked?limit=4&after=" + next);
        assertThat(second.body()).contains("casino3.example", "casino4.example").contains("\"next\":null");

        assertThat(browser.get("/api/blocked?device=laptop").body()).contains("chat.example")
                .doesNotContain("casino");
        assertThat(browser.get("/api/blocked?category=gambling&q=CASINO2").body()).contains("casino2.example")
                .doesNotContain("casino1.example");
        assertThat(browser.get("/api/devices").body()).contains("Kid tablet", "Lab laptop");
    }

    @Test
    void unknownDevicesAreListedLiveForTheSignedInAdmin() throws Exception {
        assertThat(browser.get("/api/devices/unknown").statusCode()).isEqualTo(401);
        setUp("a good password");
        assertThat(browser.get("/api/devices/unknown").body()).isEqualTo("{\"devices\":[]}");

        seen = List.of(new SeenDevice("mac:aa:bb:cc:dd:ee:ff", NOW.minusSeconds(3600), NOW, "192.168.1.77",
                "aa:bb:cc:dd:ee:ff", "visitor-phone"));

        assertThat(browser.get("/api/devices/unknown").body()).contains("\"hostname\":\"visitor-phone\"",
                "\"ip\":\"192.168.1.77\"", "\"firstSeen\":\"2026-11-28T17:00:00Z\"");
    }

    @Test
    void summaryCountsDaysCategoriesAndNamesForOneDeviceOrAll() throws Exception {
        setUp("a good password");

        String all = browser.get("/api/summary?from=2026-11-27&to=2026-11-28").body();
        assertThat(all).contains("{\"day\":\"2026-11-27\",\"blocked\":0}", "{\"day\":\"2026-11-28\",\"blocked\":6}",
                "{\"category\":\"gambling\",\"blocked\":5}", "{\"category\":\"chat\",\"blocked\":1}",
                "{\"name\":\"chat.example\",\"blocked\":1}");
        String tablet = browser.get("/api/summary?from=2026-11-28&to=2026-11-28&device=tablet").body();
        assertThat(tablet).contains("{\"day\":\"2026-11-28\",\"blocked\":5}", "casino4.example")
                .doesNotContain("chat");

        assertThat(browser.get("/api/summary?to=2026-11-28").body()).contains("from: missing");
        assertThat(browser.get("/api/summary?from=2026-11-29&to=2026-11-28").statusCode()).isEqualTo(400);
        assertThat(browser.get("/api/summary?from=monday&to=2026-11-28").statusCode()).isEqualTo(400);
    }

    @Test
    void parentPausesADeviceAndEndsThePauseEarly() throws Exception {
        assertThat(browser.post("/api/pauses", "{\"device\":\"tablet\",\"minutes\":30}").statusCode())
                .isEqualTo(401);
        setUp("a good password");

        HttpResponse<String> paused = browser.post("/api/pauses", "{\"device\":\"tablet\",\"minutes\":30}");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body()).isEqualTo("{\"device\":\"tablet\",\"until\":\"2026-11-28T18:30:00Z\"}");
        assertThat(pauses.until("tablet")).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        pauses.pause("laptop", NOW.minusSeconds(1));
        assertThat(browser.get("/api/pauses").body()).as("an ended pause is not listed")
                .isEqualTo("{\"pauses\":[{\"device\":\"tablet\",\"until\":\"2026-11-28T18:30:00Z\"}]}");

        assertThat(browser.post("/api/pauses/end", "{\"device\":\"tablet\"}").statusCode()).isEqualTo(204);
        assertThat(pauses.until("tablet")).isNull();
        assertThat(browser.get("/api/pauses").body()).isEqualTo("{\"pauses\":[]}");
    }

    @Test
    void pauseRequestsOutOfBoundsAreRefused() throws Exception {
        setUp("a good password");

        for (String body : List.of("{\"device\":\"tablet\",\"minutes\":0}", "{\"device\":\"tablet\",\"minutes\":1441}",
                "{\"device\":\"tablet\"}", "{\"minutes\":30}", "{\"device\":\" \",\"minutes\":30}",
                "{\"device\":\"tablet\",\"minutes\":\"soon\"}")) {
            assertThat(browser.post("/api/pauses", body).statusCode()).as(body).isEqualTo(400);
        }
        assertThat(pauses.all()).isEmpty();
        browser.csrf = "forged";
        assertThat(browser.post("/api/pauses", "{\"device\":\"tablet\",\"minutes\":30}").statusCode())
                .isEqualTo(403);
        assertThat(pauses.all()).isEmpty();
    }

    @Test
    void badQueryParametersAreClearErrors() throws Exception {
        setUp("a good password");

        assertThat(browser.get("/api/blocked?limit=lots").body()).contains("limit: \\\"lots\\\" is not a number")
                .doesNotContain("\"code\"");
        assertThat(browser.get("/api/blocked?limit=5000").statusCode()).isEqualTo(400);
        assertThat(browser.get("/api/blocked?after=nonsense").statusCode()).isEqualTo(400);
        assertThat(browser.get("/api/blocked?since=yesterday").body()).contains("since:");
    }

    @Test
    void wrongPasswordsLockTheClientOutThenTheRightOneWorksAfterTheWait() throws Exception {
        setUp("a good password");
        AdminClient guesser = new AdminClient(server.addresses().get(0));
        for (int i = 0; i < 3; i++) {
            assertThat(guesser.post("/api/login", json("password", "guess " + i)).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = guesser.post("/api/login", json("password", "a good password"));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("\"code\":\"too-many-attempts\"");
        assertThat(locked.headers().firstValue("Retry-After")).contains("900");
        assertThat(guesser.cookie).isNull();

        ticker.advance(Duration.ofMinutes(15));
        assertThat(guesser.post("/api/login", json("password", "a good password")).statusCode()).isEqualTo(200);
        assertThat(guesser.get("/api/blocked").statusCode()).isEqualTo(200);
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        setUp("a good password");
        AdminClient fresh = new AdminClient(server.addresses().get(0));

        HttpResponse<String> login = fresh.post("/api/login", json("password", "a good password"));

        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200");
        assertThat(login.body()).contains("\"csrf\"");
    }

    @Test
    void stateChangesNeedTheCsrfTokenJsonAndTheSameOrigin() throws Exception {
        setUp("a good password");
        String csrf = browser.csrf;

        browser.csrf = null;
        assertThat(browser.post("/api/logout", "{}").statusCode()).isEqualTo(403);
        browser.csrf = "not-the-token";
        assertThat(browser.post("/api/logout", "{}").statusCode()).isEqualTo(403);
        browser.csrf = csrf;

        HttpRequest form = browser.request("/api/logout").header(AdminAccess.CSRF_HEADER, csrf)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")).build();
        assertThat(browser.send(form).statusCode()).isEqualTo(415);

        HttpRequest crossSite = browser.request("/api/logout").header(AdminAccess.CSRF_HEADER, csrf)
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(browser.send(crossSite).statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/blocked").statusCode()).as("still signed in").isEqualTo(200);

        HttpRequest sameSite = browser.request("/api/logout").header(AdminAccess.CSRF_HEADER, csrf)
                .header("Content-Type", "application/json").header("Origin", browser.base())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(browser.send(sameSite).statusCode()).isEqualTo(204);
    }

    @Test
    void logoutEndsTheSessionOnTheServer() throws Exception {
        setUp("a good password");
        String stolen = browser.cookie;

        assertThat(browser.post("/api/logout", "{}").statusCode()).isEqualTo(204);

        browser.cookie = stolen;
        assertThat(browser.get("/api/blocked").statusCode()).isEqualTo(401);
    }

    @Test
    void passwordChangeAsksForTheCurrentOneAndSignsOtherBrowsersOut() throws Exception {
        setUp("a good password");
        AdminClient otherTab = new AdminClient(server.addresses().get(0));
        otherTab.post("/api/login", json("password", "a good password"));

        assertThat(browser.post("/api/password", json("current", "wrong one", "next", "new password 1")).statusCode())
                .isEqualTo(403);
        assertThat(browser.post("/api/password", json("current", "a good password", "next", "new password 1"))
                .statusCode()).isEqualTo(200);

        assertThat(browser.get("/api/blocked").statusCode()).isEqualTo(200);
        assertThat(otherTab.get("/api/blocked").statusCode()).isEqualTo(401);
        AdminClient fresh = new AdminClient(server.addresses().get(0));
        assertThat(fresh.post("/api/login", json("password", "a good password")).statusCode()).isEqualTo(401);
        assertThat(fresh.post("/api/login", json("password", "new password 1")).statusCode()).isEqualTo(200);
    }

    @Test
    void passwordSurvivesARestartAndNoNewSetupCodeIsMade() throws Exception {
        setUp("a good password");
        server.close();

        server = startServer();
        AdminClient after = new AdminClient(server.addresses().get(0));

        assertThat(Files.exists(dataDir.resolve(SetupCode.FILE_NAME))).isFalse();
        assertThat(after.get("/api/session").body()).contains("\"setupNeeded\":false");
        assertThat(after.post("/api/login", json("password", "a good password")).statusCode()).isEqualTo(200);
    }

    @Test
    void damagedPasswordFileKeepsTheAdminServerClosedInsteadOfReopeningSetup() throws Exception {
        server.close();
        server = null;
        Files.writeString(dataDir.resolve(AdminPassword.FILE_NAME), "garbage\n");

        assertThatThrownBy(this::startServer).isInstanceOf(IOException.class)
                .hasMessageContaining(AdminPassword.FILE_NAME);
    }

    @Test
    void addressInUseIsAnErrorNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress busy = new InetSocketAddress("127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(() -> AdminServer.start(List.of(busy), dataDir,
                    new AdminSources(new LogQueries(database), List::of, pauses, clock, null, null, null, null, null, null), FAST, ticker)).isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:" + busy.getPort());
        }
    }

    @Test
    void everyResponseCarriesTheProtectiveHeaders() throws Exception {
        for (String path : List.of("/", "/api/session", "/api/blocked", "/no-such-page")) {
            HttpResponse<String> response = browser.get(path);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
                    .contains("default-src 'self'", "frame-ancestors 'none'");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(response.headers().firstValue("Server")).as(path).isEmpty();
        }
    }

    @Test
    void malformedBodiesAreRefusedAsBadRequests() throws Exception {
        assertThat(browser.post("/api/login", "{not json").statusCode()).isEqualTo(400);
        assertThat(browser.post("/api/setup", "{\"code\":\"x\",\"password\":\"y\",\"admin\":true}").statusCode())
                .isEqualTo(400);
    }

    private static String json(String... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.append(i == 0 ? "" : ",").append('"').append(keysAndValues[i]).append("\":\"")
                    .append(keysAndValues[i + 1]).append('"');
        }
        return out.append('}').toString();
    }
}
