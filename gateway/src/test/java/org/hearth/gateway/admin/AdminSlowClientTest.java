package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * Slow and greedy HTTP clients against a real admin server on loopback (issue 10's slowloris):
 * many connections from one address, many addresses at once, a body sent a byte at a time. The
 * limits are shortened ({@link AdminHttpLimits}) so each test takes seconds.
 */
class AdminSlowClientTest {

    @TempDir
    Path dataDir;
    private AdminServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A running server with a password set, and the signed-in admin. */
    private AdminClient start(AdminHttpLimits limits) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T18:00:00Z"), ZoneOffset.UTC);
        server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dataDir,
                new AdminSources(new LogQueries(LogDatabase.inDataDir(dataDir, clock)), List::of, new Pauses(), clock, null, null, null, null, null, null),
                new AdminServer.Options(Duration.ofMinutes(30), Duration.ofHours(12), 3, Duration.ofMinutes(15), 1_000),
                new ManualTicker(), limits);
        AdminClient admin = new AdminClient(address());
        String code = Files.readString(dataDir.resolve(SetupCode.FILE_NAME)).strip();
        assertThat(admin.post("/api/setup", "{\"code\":\"" + code + "\",\"password\":\"a good password\"}")
                .statusCode()).isEqualTo(200);
        return admin;
    }

    private InetSocketAddress address() {
        return server.addresses().get(0);
    }

    @Test
    void slowClientsFromOneAddressCannotKeepTheAdminOut() throws Exception {
        AdminClient admin = start(new AdminHttpLimits(64, 4, Duration.ofSeconds(30), Duration.ofSeconds(1), 256));
        List<Socket> slow = new ArrayList<>();
        try {
            // 127.0.0.2 is another host on loopback as far as the server can tell.
            for (int i = 0; i < 12; i++) {
                slow.add(slowClient("127.0.0.2"));
            }
            Socket silent = LoopbackPeer.connectFrom("127.0.0.3", address()); // connects and never says a word
            slow.add(silent);
            // Past its share, an address's connections are closed at once: 8 of the 12.
            int closedAtOnce = 0;
            for (Socket s : slow.subList(0, 12)) {
                closedAtOnce += LoopbackPeer.closedWithin(s, Duration.ofMillis(500)) ? 1 : 0;
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
                    if (!LoopbackPeer.closedWithin(s, Duration.ZERO)) {
                        allClosed = false;
                        LoopbackPeer.trickle(s);
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
                    slow.forEach(LoopbackPeer::trickle);
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
        try (Socket s = LoopbackPeer.connectFrom("127.0.0.4", address())) {
            s.getOutputStream().write(("POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            boolean closed = false;
            while (!closed && System.nanoTime() < deadline) {
                LoopbackPeer.trickle(s);
                closed = LoopbackPeer.closedWithin(s, Duration.ofMillis(200));
            }
            assertThat(closed).as("a body at a few bytes a second is refused (408) and the connection closed")
                    .isTrue();
        }
        assertThat(admin.get("/api/session").statusCode()).isEqualTo(200);
    }

    /** A connection from {@code from} that has sent the start of a request head and no end to it. */
    private Socket slowClient(String from) throws IOException {
        Socket s = LoopbackPeer.connectFrom(from, address());
        s.getOutputStream().write("GET /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }
}
