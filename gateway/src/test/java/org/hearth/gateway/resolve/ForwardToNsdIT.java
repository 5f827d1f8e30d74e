package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.resolve.TestQueries.query;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.CacheConfig;
import org.hearth.gateway.config.UpstreamConfig;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The cache and forward stages against a real NSD on loopback: real servers answer our EDNS query
 * with an OPT record, truncate big answers for our 1232-byte size, and time negative answers with
 * their SOA, which scripted upstreams only imitate.
 */
class ForwardToNsdIT {

    private static final String ZONE = String.join("\n",
            "$ORIGIN resolve.test.",
            "$TTL 300",
            "@    IN SOA ns1 hostmaster 2026112801 3600 900 604800 60",
            "@    IN NS  ns1",
            "ns1  IN A   192.0.2.1",
            "www  IN A   192.0.2.10",
            "alias IN CNAME www",
            txtRecords(),
            "");

    @TempDir
    static Path dir;
    private static Process nsd;
    private static InetSocketAddress address;
    private static NettyTransport transport;
    private static UpstreamPool pool;
    private static final FakeTicker ticker = new FakeTicker();
    private static Chain chain;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(dir.resolve("resolve.test.zone"), ZONE);
        IOException last = null;
        for (int attempt = 0; attempt < 3 && nsd == null; attempt++) {
            int port = freePort();
            Files.writeString(dir.resolve("nsd.conf"), config(port));
            Process process = new ProcessBuilder("nsd", "-d", "-c", dir.resolve("nsd.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nsd.out").toFile()).start();
            address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            try {
                awaitReady(process);
                nsd = process;
            } catch (IOException e) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                last = e; // the port may have been taken meanwhile: try another
            }
        }
        if (nsd == null) {
            throw last;
        }
        transport = NettyTransport.create(1, true);
        pool = UpstreamPool.start(List.of(address),
                new UpstreamConfig(Duration.ofSeconds(2), Duration.ofSeconds(4), null), transport);
        chain = Chain.of(new CacheStage(new AnswerCache(new CacheConfig(100, null, null, null, null), ticker)),
                new ForwardStage(pool));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (nsd != null) {
            nsd.destroy();
            if (!nsd.waitFor(5, TimeUnit.SECONDS)) {
                nsd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static Answer ask(String name, int type) throws Exception {
        return chain.handle(query(name, type)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void answerFromNsdComesBackWithoutOptAndIsThenServedFromCacheWithAgedTtl() throws Exception {
        Answer first = ask("WWW.Resolve.Test", Type.A);
        Message message = new Message(first.message());
        assertThat(first.source()).isEqualTo(Answer.Source.UPSTREAM);
        assertThat(message.getOPT()).isNull();
        assertThat(message.getSection(Section.ANSWER)).extracting(Record::rdataToString).containsExactly("192.0.2.10");

        ticker.advance(Duration.ofSeconds(100));
        Answer second = ask("www.resolve.test", Type.A);
        assertThat(second.source()).isEqualTo(Answer.Source.CACHE);
        assertThat(new Message(second.message()).getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(200);
    }

    @Test
    void answerTooBigForUdpIsFetchedOverTcp() throws Exception {
        long tcpBefore = pool.counters().tcpRetries();
        Answer answer = ask("big.resolve.test", Type.TXT);
        assertThat(new Message(answer.message()).getSection(Section.ANSWER)).hasSize(20);
        assertThat(answer.message().length).isGreaterThan(UpstreamQuery.EDNS_UDP_SIZE);
        assertThat(pool.counters().tcpRetries()).isEqualTo(tcpBefore + 1);
    }

    @Test
    void nxdomainIsCachedForTheSoaMinimum() throws Exception {
        Answer answer = ask("nope.resolve.test", Type.A);
        assertThat(new Message(answer.message()).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        ticker.advance(Duration.ofSeconds(59));
        Answer cached = ask("nope.resolve.test", Type.A);
        assertThat(cached.source()).isEqualTo(Answer.Source.CACHE);
        assertThat(new Message(cached.message()).getSection(Section.AUTHORITY).get(0).getTTL()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(1));
        assertThat(ask("nope.resolve.test", Type.A).source()).isEqualTo(Answer.Source.UPSTREAM);
    }

    @Test
    void cnameChainIsPassedThrough() throws Exception {
        Message message = new Message(ask("alias.resolve.test", Type.A).message());
        assertThat(message.getSection(Section.ANSWER)).extracting(Record::getType).containsExactly(Type.CNAME, Type.A);
    }

    private static String txtRecords() {
        StringBuilder zone = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            zone.append("big IN TXT \"record ").append(i).append(' ').append("x".repeat(80)).append("\"\n");
        }
        return zone.toString();
    }

    private static String config(int port) {
        return String.join("\n",
                "server:",
                "  ip-address: 127.0.0.1@" + port,
                "  username: \"\"",
                "  chroot: \"\"",
                "  pidfile: \"" + dir.resolve("nsd.pid") + "\"",
                "  zonelistfile: \"" + dir.resolve("zone.list") + "\"",
                "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"",
                "  database: \"\"",
                "  logfile: \"" + dir.resolve("nsd.log") + "\"",
                "  server-count: 1",
                "remote-control:",
                "  control-enable: no",
                "zone:",
                "  name: resolve.test",
                "  zonefile: \"" + dir.resolve("resolve.test.zone") + "\"",
                "");
    }

    /** Polls with dnsjava until NSD answers the zone's SOA, for at most 10 seconds. */
    private static void awaitReady(Process process) throws IOException {
        org.xbill.DNS.SimpleResolver resolver = new org.xbill.DNS.SimpleResolver(address);
        resolver.setTimeout(Duration.ofMillis(200));
        Message soa = Message.newQuery(Record.newRecord(org.xbill.DNS.Name.fromString("resolve.test."), Type.SOA, 1));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("nsd exited: " + Files.readString(dir.resolve("nsd.out")));
            }
            try {
                if (resolver.send(soa).getRcode() == Rcode.NOERROR) {
                    return;
                }
            } catch (IOException notYet) {
                // still loading; the resolver's timeout paces the loop
            }
        }
        throw new IOException("nsd did not answer within 10 s");
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                            tcp.getLocalPort()))) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // UDP side taken: try another
            }
        }
        throw new IOException("no port free for both UDP and TCP");
    }
}
