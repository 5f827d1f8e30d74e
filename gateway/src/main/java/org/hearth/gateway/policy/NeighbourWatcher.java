package org.hearth.gateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link NeighbourTable} fresh: reads the ARP table, the IPv6 neighbours and the DHCP leases
 * on a background thread, never on the event loop, and publishes an immutable snapshot that lookups
 * read through one volatile field. A source that cannot be read is skipped (and logged once per
 * change of state); the others still count.
 */
public final class NeighbourWatcher {

    private static final Logger log = LoggerFactory.getLogger(NeighbourWatcher.class);
    private static final List<String> IP_NEIGH = List.of("ip", "-6", "neigh", "show");
    private static final long COMMAND_TIMEOUT_MS = 2000;
    /** ip -6 neigh on a busy school network prints a few hundred KiB at most; more is not a table. */
    private static final int MAX_OUTPUT = 4 << 20;

    private final Path arpFile;
    private final Path ipv6File;
    private final Path leasesFile;
    private volatile NeighbourTable current = NeighbourTable.EMPTY;
    private volatile String lastFailure;

    /**
     * @param arpFile /proc/net/arp, or null to skip
     * @param ipv6File a file with {@code ip -6 neigh show} output, or null to run the command
     * @param leasesFile a dnsmasq leases file, or null
     */
    public NeighbourWatcher(Path arpFile, Path ipv6File, Path leasesFile) {
        this.arpFile = arpFile;
        this.ipv6File = ipv6File;
        this.leasesFile = leasesFile;
    }

    public NeighbourTable current() {
        return current;
    }

    /** Reads every source now and publishes the result. Blocking: call it off the event loop. */
    public NeighbourTable refresh() {
        NeighbourTable.Builder b = new NeighbourTable.Builder();
        StringBuilder failures = new StringBuilder();
        if (arpFile != null) {
            read(arpFile, failures).ifPresent(t -> NeighbourFiles.readProcArp(t, b));
        }
        if (ipv6File != null) {
            read(ipv6File, failures).ifPresent(t -> NeighbourFiles.readIpNeigh(t, b));
        } else {
            runIpNeigh(failures).ifPresent(t -> NeighbourFiles.readIpNeigh(t, b));
        }
        if (leasesFile != null) {
            // Leases last: a lease is what the DHCP server handed out, fresher than a stale ARP entry.
            read(leasesFile, failures).ifPresent(t -> NeighbourFiles.readDnsmasqLeases(t, b));
        }
        String failed = failures.toString();
        if (!failed.equals(lastFailure)) {
            if (!failed.isEmpty()) {
                log.warn("device identity: {}", failed);
            }
            lastFailure = failed;
        }
        NeighbourTable table = b.build();
        current = table;
        return table;
    }

    /** Refreshes now and then every {@code interval} on {@code executor} (a background thread). */
    public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration interval) {
        return executor.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("device identity refresh failed; keeping the last table", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.Optional<String> read(Path file, StringBuilder failures) {
        try {
            return java.util.Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            failures.append(file).append(" does not exist; ");
        } catch (IOException e) {
            failures.append(file).append(": ").append(e.getMessage()).append("; ");
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<String> runIpNeigh(StringBuilder failures) {
        Process p = null;
        try {
            p = new ProcessBuilder(IP_NEIGH).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(MAX_OUTPUT);
            }
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                failures.append("ip -6 neigh show failed; ");
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            failures.append("ip -6 neigh show: ").append(e.getMessage()).append("; ");
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
