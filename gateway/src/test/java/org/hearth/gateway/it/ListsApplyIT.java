package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits to the {@code lists:} section and {@code listsRefresh} take effect through
 * {@link Gateway#apply} without a restart, as a config save or the admin page's list routes make
 * them: a source added over HTTP (a loopback server), a source removed, and a category whose bit
 * moves. Answers are checked with real dig.
 */
class ListsApplyIT {

    @TempDir
    Path dir;

    @Test
    void listEditsApplyWithoutRestart() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] remoteList = "0.0.0.0 remote-listed.example\n0.0.0.0 other-remote.example\n"
                .getBytes(StandardCharsets.UTF_8);
        http.createContext("/adult.txt", exchange -> {
            exchange.sendResponseHeaders(200, remoteList.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(remoteList);
            }
        });
        http.start();
        Files.writeString(dir.resolve("aaa.txt"), "aaa-listed.example\n");
        Files.writeString(dir.resolve("bbb.txt"), "bbb-listed.example\n");
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/adult.txt";
        try (ScriptedUpstream upstream = ScriptedUpstream.start(
                        q -> Reply.message(DnsReplies.addresses(q.message(), 300, "192.0.2.7")));
                Gateway gateway = Gateway.start(write(upstream, """
                        categories: [aaa, bbb]
                        lists:
                          - {name: aaa, category: aaa, source: aaa.txt}
                          - {name: bbb, category: bbb, source: bbb.txt}
                        profiles:
                          kids: {block: [aaa, bbb, adult]}
                        """), Ticker.systemTicker())) {
            InetSocketAddress dns = gateway.dnsAddresses().get(0);
            gateway.lists().ready().get(60, TimeUnit.SECONDS);
            assertBlocked(dns, "aaa-listed.example", true);
            assertBlocked(dns, "remote-listed.example", false);

            // An HTTP source added, with a shorter refresh interval.
            assertThat(gateway.apply(write(upstream, """
                    categories: [aaa, bbb]
                    listsRefresh: 2h
                    lists:
                      - {name: aaa, category: aaa, source: aaa.txt}
                      - {name: bbb, category: bbb, source: bbb.txt}
                      - {name: remote, category: adult, source: "%s"}
                    profiles:
                      kids: {block: [aaa, bbb, adult]}
                    """.formatted(url)))).isEmpty();
            awaitBlocked(dns, "remote-listed.example", true);
            assertThat(gateway.lists().refreshInterval()).isEqualTo(Duration.ofHours(2));
            assertThat(gateway.lists().statuses()).anySatisfy(s -> assertThat(s.name()).isEqualTo("remote"));
            assertBlocked(dns, "aaa-listed.example", true);

            // Category aaa and its source removed: bbb's bit moves down by one. The policy waits for
            // the index built with the new bits, so bbb stays blocked and aaa's names resolve.
            assertThat(gateway.apply(write(upstream, """
                    categories: [bbb]
                    lists:
                      - {name: bbb, category: bbb, source: bbb.txt}
                      - {name: remote, category: adult, source: "%s"}
                    profiles:
                      kids: {block: [bbb, adult]}
                    """.formatted(url)))).isEmpty();
            awaitBlocked(dns, "aaa-listed.example", false);
            assertBlocked(dns, "bbb-listed.example", true);
            assertBlocked(dns, "remote-listed.example", true);
            assertThat(gateway.lists().refreshInterval()).as("back to the default").isEqualTo(Duration.ofHours(24));
        } finally {
            http.stop(0);
        }
    }

    @Test
    void anOlderEditWaitingForItsIndexNeverOverridesANewerOne() throws Exception {
        Files.writeString(dir.resolve("aaa.txt"), "aaa-listed.example\n");
        Files.writeString(dir.resolve("bbb.txt"), "bbb-listed.example\n");
        // A's new source answers only when the test says so: A's build is still running when B comes.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/slow.txt", exchange -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "0.0.0.0 slow-listed.example\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        try (ScriptedUpstream upstream = ScriptedUpstream.start(
                        q -> Reply.message(DnsReplies.addresses(q.message(), 300, "192.0.2.7")));
                Gateway gateway = Gateway.start(write(upstream, """
                        categories: [aaa, bbb]
                        lists:
                          - {name: aaa, category: aaa, source: aaa.txt}
                          - {name: bbb, category: bbb, source: bbb.txt}
                        profiles:
                          kids: {block: [aaa, bbb], deny: [deny-x.example]}
                        """), Ticker.systemTicker())) {
            InetSocketAddress dns = gateway.dnsAddresses().get(0);
            gateway.lists().ready().get(60, TimeUnit.SECONDS);
            // A moves bbb's bit: its policy waits for its index, whose download the server holds.
            assertThat(gateway.apply(write(upstream, """
                    categories: [bbb]
                    lists:
                      - {name: bbb, category: bbb, source: bbb.txt}
                      - {name: slow, category: adult, source: "http://127.0.0.1:%d/slow.txt"}
                    profiles:
                      kids: {block: [bbb, adult], deny: [deny-a.example]}
                    """.formatted(http.getAddress().getPort())))).isEmpty();
            // B moves nothing against either index: its policy applies at once, and A's, once its
            // index is done, must not replace it.
            assertThat(gateway.apply(write(upstream, """
                    lists: []
                    profiles:
                      kids: {block: [], deny: [deny-b.example]}
                    """))).isEmpty();
            assertBlocked(dns, "deny-b.example", true);
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!gateway.lists().configured().sources().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(gateway.lists().configured().sources()).as("B's lists in force, after A's").isEmpty();
            assertBlocked(dns, "deny-b.example", true);
            assertBlocked(dns, "deny-a.example", false);
        } finally {
            release.countDown();
            http.stop(0);
        }
    }

    private LoadedConfig write(ScriptedUpstream upstream, String rest) throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, """
                dataDir: %s
                dns: {listen: ["127.0.0.1:0"]}
                upstreams: ["127.0.0.1:%d"]
                admin: {listen: []}
                defaultProfile: kids
                """.formatted(dir.resolve("data"), upstream.address().getPort()) + rest);
        return ConfigLoader.load(file);
    }

    private static boolean blocked(InetSocketAddress dns, String name) throws Exception {
        String out = Dig.dig(dns, "+tries=1", "+time=3", name, "A").output();
        assertThat(out).containsAnyOf("status: NOERROR", "status: NXDOMAIN");
        return !out.contains("192.0.2.7");
    }

    private static void assertBlocked(InetSocketAddress dns, String name, boolean expected) throws Exception {
        assertThat(blocked(dns, name)).as(name + (expected ? " blocked" : " resolves")).isEqualTo(expected);
    }

    /** The lists rebuild on their own thread: poll, bounded, until the answer changes. */
    private static void awaitBlocked(InetSocketAddress dns, String name, boolean expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (blocked(dns, name) != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertBlocked(dns, name, expected);
    }
}
