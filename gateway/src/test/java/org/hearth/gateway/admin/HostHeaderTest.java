package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: a request whose Host names some other site is refused before any route or file,
 * while the box's addresses and names pass. Raw HTTP/1.1 over a loopback socket, since Java's HTTP
 * client will not send a Host header of our choosing.
 */
class HostHeaderTest {

    @TempDir
    Path dir;
    private AdminServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dir,
                new AdminSources(new LogQueries(LogDatabase.inDataDir(dir, Clock.systemUTC())), List::of,
                        new Pauses(), Clock.systemUTC(), null, null, null, null, null, null),
                ConfigBackedAdmin.FAST.withHostNames(List.of("hearth.lan", "filter.school.example")),
                new ManualTicker());
        address = server.addresses().get(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRequestNamingAnotherSiteIsRefusedWith421() throws Exception {
        for (String host : List.of("evil.example", "evil.example:" + address.getPort(), "hearth.lan.evil.example",
                "127.0.0.1.evil.example", "localhost.evil.example", "xn--hearth-lan.example")) {
            for (String path : List.of("/api/session", "/api/health", "/", "/app.js")) {
                String response = get(path, host);
                assertThat(response).as("%s %s", host, path).startsWith("HTTP/1.1 421");
                assertThat(response).as("no page, no token").doesNotContain("csrf", "<html", "import ");
            }
        }
        assertThat(post("/api/login", "evil.example", "{\"password\":\"guess one\"}")).startsWith("HTTP/1.1 421");
    }

    @Test
    void theBoxsAddressesAndNamesPass() throws Exception {
        for (String host : List.of("127.0.0.1:" + address.getPort(), "127.0.0.1", "[::1]:" + address.getPort(),
                "192.168.1.1:8080", "localhost:" + address.getPort(), "hearth.lan", "HEARTH.LAN:8080", "hearth.lan.",
                "filter.school.example")) {
            assertThat(get("/api/session", host)).as(host).startsWith("HTTP/1.1 401"); // signed out, but served
            assertThat(get("/", host)).as(host).startsWith("HTTP/1.1 200");
        }
    }

    private String get(String path, String host) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    private String post(String path, String host, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n" + json);
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
