package org.hearth.gateway.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real NSD serving the fixture zones in src/test/resources/zones on a free loopback port, in the
 * foreground, with every file it writes in a temp folder (so it runs as root in CI and side by side
 * with other tests).
 */
public final class NsdServer implements AutoCloseable {

    /** The fixture zones and their files under zones/ on the test class path. */
    public static final List<String> ZONES = List.of("hearth.test", "2.0.192.in-addr.arpa");
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_WITHIN = Duration.ofSeconds(10);

    private final Process process;
    private final InetSocketAddress address;
    private final Path dir;

    private NsdServer(Process process, InetSocketAddress address, Path dir) {
        this.process = process;
        this.address = address;
        this.dir = dir;
    }

    /** Starts NSD and returns once it answers the fixture zone's SOA. */
    public static NsdServer start(Path dir) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path conf = writeConfig(dir, port);
            Process process = new ProcessBuilder("nsd", "-d", "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nsd.out").toFile())
                    .start();
            NsdServer server = new NsdServer(process, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), dir);
            try {
                server.awaitReady();
                return server;
            } catch (Exception e) {
                // Another test may have taken the port between our probe and NSD's bind: try a fresh one.
                server.close();
                last = e;
            }
        }
        throw last;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** "127.0.0.1:port", as written in a Hearth config. */
    public String hostAndPort() {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    /** Asks NSD directly (over UDP, TCP on truncation): the reference the gateway's answers are compared with. */
    public Message ask(String name, int type) throws IOException {
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN)));
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(Duration.ofMillis(200));
        Message soa = Message.newQuery(Record.newRecord(Name.fromString("hearth.test."), Type.SOA, DClass.IN));
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("nsd exited with " + process.exitValue() + ": " + output());
            }
            try {
                if (resolver.send(soa).getRcode() == Rcode.NOERROR) {
                    return;
                }
            } catch (IOException notYet) {
                // NSD is still loading the zones; the resolver's timeout paces this loop.
            }
        }
        throw new IOException("nsd did not answer within " + READY_WITHIN + ": " + output());
    }

    private String output() throws IOException {
        Path out = dir.resolve("nsd.out");
        Path log = dir.resolve("nsd.log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
    }

    private static Path writeConfig(Path dir, int port) throws IOException, URISyntaxException {
        StringBuilder conf = new StringBuilder()
                .append("server:\n")
                .append("  ip-address: 127.0.0.1@").append(port).append('\n')
                .append("  username: \"\"\n")
                .append("  chroot: \"\"\n")
                .append("  pidfile: \"").append(dir.resolve("nsd.pid")).append("\"\n")
                .append("  zonelistfile: \"").append(dir.resolve("zone.list")).append("\"\n")
                .append("  xfrdfile: \"").append(dir.resolve("xfrd.state")).append("\"\n")
                .append("  database: \"\"\n")
                .append("  logfile: \"").append(dir.resolve("nsd.log")).append("\"\n")
                .append("  server-count: 1\n")
                .append("  verbosity: 1\n")
                .append("remote-control:\n")
                .append("  control-enable: no\n");
        for (String zone : ZONES) {
            conf.append("zone:\n  name: ").append(zone).append("\n  zonefile: \"").append(zoneFile(zone)).append("\"\n");
        }
        Path file = dir.resolve("nsd.conf");
        Files.writeString(file, conf.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static Path zoneFile(String zone) throws URISyntaxException {
        URL url = NsdServer.class.getResource("/zones/" + zone + ".zone");
        if (url == null) {
            throw new IllegalStateException("fixture zone missing: zones/" + zone + ".zone");
        }
        return Path.of(url.toURI());
    }

    /** A port free for both UDP and TCP on 127.0.0.1 right now. */
    public static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (IOException takenForUdp) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP");
    }

    /** Stops NSD (SIGTERM, then SIGKILL) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
