package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
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
 * session fixation, lock-out per address, static files that must not escape their folder, and
 * slow or greedy HTTP clients (slowloris). Raw sockets where a client library would tidy the
 * request up, bound to other loopback addresses (127.0.0.2 and up) to play other hosts.
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
                new AdminSources(new LogQueries(LogDatabase.inDataDir(dataDir, clock)), List::of, new Pauses(), clock),
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
        try (Socket socket = connectFrom(from)) {
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
        assertThat(raw("/app.js").body()).contains("textContent");

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

    // --- slow and greedy clients

    @Test
    void slowClientsFromOneAddressCannotKeepTheAdminOut() throws Exception {
        AdminClient admin = start(new AdminHttpLimits(64, 4, Duration.ofSeconds(30), Duration.ofSeconds(1), 256));
        List<Socket> slow = new ArrayList<>();
        try {
            // 127.0.0.2 is another host on loopback as far as the server can tell.
            for (int i = 0; i < 12; i++) {
                slow.add(slowClient("127.0.0.2"));
            }
            Socket silent = connectFrom("127.0.0.3"); // connects and never says a word
            slow.add(silent);
            // Past its share, an address's connections are closed at once: 8 of the 12.
            int closedAtOnce = 0;
            for (Socket s : slow.subList(0, 12)) {
                closedAtOnce += closedWithin(s, Duration.ofMillis(500)) ? 1 : 0;
            }
            assertThat(closedAtOnce).isGreaterThanOrEqualTo(8);

            HttpResponse<String> meanwhile = admin.get("/api/session");
            assertThat(meanwhile.statusCode()).as("the admin is served while they trickle").isEqualTo(200);

            // The admitted four keep sending a byte at a time, which holds off the idle timeout,
            // but their heads are late: they are closed, as is the one that said nothing.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean allClosed = false;
            while (!allClosed && System.nanoTime() < deadline) {
                allClosed = true;
                for (Socket s : slow) {
                    if (!closedWithin(s, Duration.ZERO)) {
                        allClosed = false;
                        trickle(s);
                    }
                }
                Thread.sleep(100);
            }
            assertThat(allClosed).as("every slow connection closed by the head deadline").isTrue();
            assertThat(admin.get("/api/session").statusCode()).isEqualTo(200);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void slowClientsFromManyAddressesFillTheServerOnlyUntilTheirHeadsAreLate() throws Exception {
        AdminClient admin = start(new AdminHttpLimits(8, 4, Duration.ofSeconds(30), Duration.ofSeconds(1), 256));
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                slow.add(slowClient("127.0.1." + (10 + i)));
            }
            // The server holds 8 and stops accepting; the rest, and the admin, wait in the backlog.
            // Each slow one is closed a second after it was accepted, however it trickles, so the
            // admin's request gets its turn long before its own 10-second timeout.
            Thread trickler = new Thread(() -> {
                long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    slow.forEach(AdminSecurityTest::trickle);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            trickler.start();
            try {
                HttpResponse<String> served = admin.get("/api/session");
                assertThat(served.statusCode()).isEqualTo(200);
            } finally {
                trickler.interrupt();
                trickler.join(5_000);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aRequestBodySentByteByByteIsCutOff() throws Exception {
        AdminClient admin = start(new AdminHttpLimits(64, 16, Duration.ofSeconds(30), Duration.ofSeconds(5), 256));
        try (Socket s = connectFrom("127.0.0.4")) {
            s.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                trickle(s);
                closed = closedWithin(s, Duration.ofMillis(200));
            }
            assertThat(closed).as("a body at a few bytes a second is refused (408) and the connection closed")
                    .isTrue();
        }
        assertThat(admin.get("/api/session").statusCode()).isEqualTo(200);
    }

    /** A connection from {@code from} that has sent the start of a request head and no end to it. */
    private Socket slowClient(String from) throws IOException {
        Socket s = connectFrom(from);
        s.getOutputStream().write("GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    private Socket connectFrom(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(address(), 5_000);
        return s;
    }

    /** One more byte of the endless header; a connection the server closed just fails quietly. */
    private static void trickle(Socket s) {
        try {
            s.getOutputStream().write('a');
            s.getOutputStream().flush();
        } catch (IOException e) {
            // closed by the server: what the test waits for
        }
    }

    /** True if the server closed the connection (end of stream or reset), looking for at most {@code wait}. */
    private static boolean closedWithin(Socket s, Duration wait) throws IOException {
        if (s.isClosed()) {
            return true;
        }
        s.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                // a 408 or 400 before the close: read on to the end
                if (n < 0) {
                    break;
                }
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the server
        }
    }
}
