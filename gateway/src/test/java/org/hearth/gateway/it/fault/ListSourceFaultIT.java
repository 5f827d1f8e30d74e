package org.hearth.gateway.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.hearth.blocklists.source.SourceStatus;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running gateway whose one list source, a real HTTP server on loopback, goes bad in every way a
 * list server does: 404, 500, a gzip body cut short, a list shrunk to 5 %, a body declared far over
 * the size cap. After each refresh the gateway still blocks a listed name with its last good index,
 * still answers other names, and the source's status names the failure. (Timeouts are covered by
 * the fetcher's own limits; the gateway's are minutes long, too long for a test.)
 */
class ListSourceFaultIT {

    private static final int NAMES = 200;

    @TempDir
    Path dir;

    private volatile Response response;

    private record Response(int status, byte[] body, long declaredLength) {}

    @Test
    void aFailingListSourceNeverCostsTheLastGoodIndex() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/list.txt", exchange -> {
            Response r = response;
            exchange.sendResponseHeaders(r.status(), r.declaredLength());
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(r.body());
            } catch (java.io.IOException e) {
                // the client hung up on a body it refused (the size cap): what a real server sees too
            }
        });
        http.start();
        response = new Response(200, hosts(NAMES), hosts(NAMES).length);
        try (ScriptedUpstream upstream = ScriptedUpstream.start(
                        q -> Reply.message(DnsReplies.addresses(q.message(), 300, "192.0.2.7")));
                Gateway gateway = start("""
                        dataDir: %s
                        dns: {listen: ["127.0.0.1:0"]}
                        upstreams: ["127.0.0.1:%d"]
                        lists:
                          - {name: remote, category: gambling, source: "http://127.0.0.1:%d/list.txt"}
                        profiles:
                          kids: {block: [gambling]}
                        defaultProfile: kids
                        """.formatted(dir.resolve("data"), upstream.address().getPort(),
                        http.getAddress().getPort()))) {
            InetSocketAddress dns = gateway.dnsAddresses().get(0);
            gateway.lists().ready().get(60, TimeUnit.SECONDS);
            gateway.lists().refreshNow().get(60, TimeUnit.SECONDS);
            assertThat(status(gateway).entries()).isEqualTo(NAMES);
            assertBlocking(dns, "after the first good download");

            byte[] gz = gzip(hosts(NAMES));
            check(gateway, dns, new Response(404, new byte[0], -1), "HTTP 404");
            check(gateway, dns, new Response(500, new byte[0], -1), "HTTP 500");
            byte[] cut = Arrays.copyOf(gz, gz.length / 2);
            check(gateway, dns, new Response(200, cut, cut.length), "truncated");
            byte[] shrunk = hosts(NAMES / 20);
            check(gateway, dns, new Response(200, shrunk, shrunk.length), "suspicious download");
            check(gateway, dns, new Response(200, new byte[0], 300L << 20), "too large");
        } finally {
            http.stop(0);
        }
    }

    private void check(Gateway gateway, InetSocketAddress dns, Response bad, String why) throws Exception {
        response = bad;
        gateway.lists().refreshNow().get(60, TimeUnit.SECONDS);
        SourceStatus status = status(gateway);
        assertThat(status.lastError()).as(why).contains(why);
        assertThat(status.entries()).as(why + ": the last good copy's entries").isEqualTo(NAMES);
        assertBlocking(dns, "after " + why);
    }

    private static void assertBlocking(InetSocketAddress dns, String when) throws Exception {
        Dig.Result listed = Dig.dig(dns, "+tries=1", "+time=3", "www.host7.example", "A");
        assertThat(listed.output()).as("a listed name is blocked " + when).doesNotContain("192.0.2.7")
                .containsAnyOf("status: NXDOMAIN", "0.0.0.0");
        assertThat(Dig.dig(dns, "+short", "+tries=1", "+time=3", "unlisted.example", "A").output().strip())
                .as("other names still resolve " + when).isEqualTo("192.0.2.7");
    }

    private static SourceStatus status(Gateway gateway) {
        return gateway.lists().statuses().stream().filter(s -> s.name().equals("remote")).findFirst().orElseThrow();
    }

    private Gateway start(String yaml) throws Exception {
        Path file = dir.resolve("hearth.yml");
        // web: the child's pages would bind port 80; not wanted here
        Files.writeString(file, yaml.contains("web:") ? yaml : yaml + "\nweb: {listen: []}\n");
        return Gateway.start(ConfigLoader.load(file), com.github.benmanes.caffeine.cache.Ticker.systemTicker());
    }

    private static byte[] hosts(int n) {
        StringBuilder sb = new StringBuilder("# a hosts list\n");
        for (int i = 0; i < n; i++) {
            sb.append("0.0.0.0 host").append(i).append(".example\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
