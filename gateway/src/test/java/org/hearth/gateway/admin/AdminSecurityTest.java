package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin security review of issue 10, each point against a real admin server on loopback:
 * session fixation, lock-out per address, static files that must not escape their folder (slow
 * and greedy clients: {@link AdminSlowClientTest}). Raw sockets where a client library would tidy
 * the request up, bound to other loopback addresses (127.0.0.2 and up) to play other hosts.
 */
class AdminSecurityTest {

    private static final AdminServer.Options FAST = new AdminServer.Options(Duration.ofMinutes(30),
            Duration.ofHours(12), 3, Duration.ofMinutes(15), 1_000);
    private static final String PASSWORD = "a good password";

    @TempDir
    Path dataDir;
    private AdminServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private AdminClient start(AdminHttpLimits limits) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T18:00:00Z"), ZoneOffset.UTC);
        server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dataDir,
                new AdminSources(new LogQueries(LogDatabase.inDataDir(dataDir, clock)), List::of, new Pauses(), clock, null, null, null, null, null, null),
                FAST, new ManualTicker(), limits);
        AdminClient admin = new AdminClient(server.addresses().get(0));
        String code = Files.readString(dataDir.resolve(SetupCode.FILE_NAME)).strip();
        assertThat(admin.post("/api/setup", "{\"code\":\"" + code + "\",\"password\":\"" + PASSWORD + "\"}")
                .statusCode()).isEqualTo(200);
        return admin;
    }

    private InetSocketAddress address() {
        return server.addresses().get(0);
    }

    // --- session fixation

    @Test
    void aSessionIdPresentedBeforeSignInIsNeverTheOneAfterIt() throws Exception {
        start(AdminHttpLimits.defaults());
        AdminClient victim = new AdminClient(address());
        victim.cookie = "planted-by-someone-else-0123456789abcdefghijkl";

        assertThat(victim.post("/api/login", "{\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(200);
        assertThat(victim.cookie).isNotNull().isNotEqualTo("planted-by-someone-else-0123456789abcdefghijkl");

        AdminClient attacker = new AdminClient(address());
        attacker.cookie = "planted-by-someone-else-0123456789abcdefghijkl";
        assertThat(attacker.get("/api/session").statusCode()).as("the planted id signs nobody in").isEqualTo(401);
        assertThat(victim.get("/api/session").statusCode()).isEqualTo(200);
    }

    @Test
    void signingInAgainRotatesTheSessionAndSigningOutEndsItOnTheServer() throws Exception {
        AdminClient admin = start(AdminHttpLimits.defaults());
        String before = admin.cookie;
        assertThat(admin.get("/api/session").statusCode()).isEqualTo(200);

        assertThat(admin.post("/api/login", "{\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(200);
        String after = admin.cookie;
        assertThat(after).isNotEqualTo(before);

        AdminClient holder = new AdminClient(address());
        holder.cookie = before;
        assertThat(holder.get("/api/session").statusCode()).as("the id from before sign-in ended").isEqualTo(401);
        assertThat(admin.get("/api/session").statusCode()).isEqualTo(200);

        assertThat(admin.post("/api/logout", "{}").statusCode()).isEqualTo(204);
        holder.cookie = after;
        assertThat(holder.get("/api/session").statusCode()).as("logout ended it on the server, not only in the browser")
                .isEqualTo(401);
    }

    // --- lock-out (AdminServerTest has the wait and the Retry-After; here: whom it locks out)

    @Test
    void aGuesserLocksOutOnlyItsOwnAddress() throws Exception {
        start(AdminHttpLimits.defaults());
        for (int i = 0; i < 3; i++) {
            assertThat(postFrom("127.0.0.5", "/api/login", "{\"password\":\"guess " + i + "\"}")).startsWith("HTTP/1.1 401");
        }
        assertThat(postFrom("127.0.0.5", "/api/login", "{\"password\":\"" + PASSWORD + "\"}"))
                .as("locked out: even the right password is not looked at").startsWith("HTTP/1.1 429")
                .contains("Retry-After: 900");
        AdminClient parent = new AdminClient(address()); // 127.0.0.1
        assertThat(parent.post("/api/login", "{\"password\":\"" + PASSWORD + "\"}").statusCode())
                .as("the parent's own address is not locked out by the guesser").isEqualTo(200);
    }

    /** One JSON POST from a chosen loopback address; the whole response as text. */
    private String postFrom(String from, String path, String json) throws IOException {
        try (Socket socket = LoopbackPeer.connectFrom(from, address())) {
            socket.setSoTimeout(10_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // --- static files

    /** Spellings of "a file outside admin-ui" as a request target, each sent exactly as written. */
    private static final List<String> ESCAPES = List.of(
            "/logback.xml", "/../logback.xml", "/%2e%2e/logback.xml", "/%2E%2E/logback.xml", "/.%2e/logback.xml",
            "/..%2flogback.xml", "/..%2Flogback.xml", "/%2e%2e%2flogback.xml", "/..%5clogback.xml",
            "/..\\logback.xml", "/%5c..%5clogback.xml", "/%252e%252e/logback.xml", "/%c0%ae%c0%ae/logback.xml",
            "/..;/logback.xml", "/%00/../logback.xml", "/./../logback.xml", "//logback.xml",
            "/admin-ui/../logback.xml", "/admin-ui/%2e%2e/logback.xml", "/index.html/../../logback.xml",
            "/org/hearth/gateway/admin/AdminServer.class", "/../org/hearth/gateway/admin/AdminServer.class",
            "/%2e%2e/org/hearth/gateway/admin/AdminServer.class", "/admin-ui/../org/hearth/gateway/admin/AdminServer.class",
            "/module-info.class", "/META-INF/MANIFEST.MF", "/../META-INF/MANIFEST.MF",
            "/../../../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", "//etc/passwd", "/etc/passwd", "/file:/etc/passwd",
            "/file:///etc/passwd", "file:///etc/passwd", "/C:/Windows/win.ini", "/..\\..\\..\\etc\\passwd",
            "http://127.0.0.1/../logback.xml");

    @Test
    void staticFilesNeverComeFromOutsideTheirFolder() throws Exception {
        start(AdminHttpLimits.defaults());
        assertThat(raw("/").status()).as("the page itself is served").isEqualTo(200);
        assertThat(raw("/core.js").body()).contains("textContent");

        List<String> leaks = new ArrayList<>();
        for (String target : ESCAPES) {
            Raw response = raw(target);
            String body = response.body();
            boolean leaked = body.contains("<configuration") || body.contains("root:x:")
                    || body.contains("Manifest-Version") || body.startsWith("\u00ca\u00fe\u00ba\u00be")
                    || body.contains("\u00ca\u00fe\u00ba\u00be") || (response.status() != 400 && response.status() != 404);
            if (leaked) {
                leaks.add(target + " -> " + response.status());
            }
        }
        assertThat(leaks).as("requests answered other than 400 or 404, or with a file from outside admin-ui")
                .isEmpty();
    }

    private record Raw(int status, String body) {}

    /** One request with the target exactly as given; the response as Latin-1, so any bytes survive. */
    private Raw raw(String target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address(), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] statusLine = response.split("\r\n", 2)[0].split(" ");
            int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
            int bodyAt = response.indexOf("\r\n\r\n");
            return new Raw(status, bodyAt < 0 ? "" : response.substring(bodyAt + 4));
        }
    }

}
