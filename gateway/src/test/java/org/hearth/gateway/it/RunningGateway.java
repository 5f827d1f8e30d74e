package org.hearth.gateway.it;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.config.ConfigLoader;

/** A {@link Gateway} started from an inline YAML config written to a temp file, as `hearth serve` would. */
final class RunningGateway implements AutoCloseable {

    final Gateway gateway;
    final FakeTicker ticker;

    private RunningGateway(Gateway gateway, FakeTicker ticker) {
        this.gateway = gateway;
        this.ticker = ticker;
    }

    static RunningGateway start(Path dir, String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "hearth", ".yml");
        // No admin page unless the test asks for one: tests never bind the default port 8080.
        String text = yaml.contains("admin:") ? yaml : yaml + "\nadmin: {listen: []}\n";
        // web: nor the child's pages, which would bind port 80
        Files.writeString(file, text.contains("web:") ? text : text + "web: {listen: []}\n");
        FakeTicker ticker = new FakeTicker();
        return new RunningGateway(Gateway.start(ConfigLoader.load(file), ticker), ticker);
    }

    /** The first dns.listen address, as bound. */
    InetSocketAddress dns() {
        return gateway.dnsAddresses().get(0);
    }

    /** Whether ::1 can be bound here (some containers run without IPv6 on loopback). */
    static boolean ipv6Loopback() {
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress("::1", 0))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** Cache time that moves only when a test says so. */
    static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }
}
