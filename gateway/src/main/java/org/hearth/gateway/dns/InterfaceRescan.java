package org.hearth.gateway.dns;

import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.background.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans the network interfaces now and then every {@link #interval()} on a daemon thread of its
 * own, and hands each scan to the per-address UDP sockets: on a router addresses come and go (a DHCP
 * lease, a new IPv6 prefix), and an address added after start should be answered from too.
 */
final class InterfaceRescan implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterfaceRescan.class);
    /** Cheap (a millisecond of kernel tables), and seconds are soon enough after a prefix change. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** For tests, which cannot wait 30 s for an added address: the interval in milliseconds. */
    static final String INTERVAL_PROPERTY = "hearth.dns.addressScanMillis";

    private final List<AddressUdpSockets> sockets;
    private final ScheduledExecutorService thread;
    /** Touched only by the scanning thread, or the starting one before the first scheduled scan. */
    private boolean scanFailing;

    private InterfaceRescan(List<AddressUdpSockets> sockets) {
        this.sockets = List.copyOf(sockets);
        this.thread = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("hearth-dns-addresses"));
    }

    /** Scans once on the calling thread, so the first addresses are bound before start-up ends, then every interval. */
    static InterfaceRescan start(List<AddressUdpSockets> sockets, Duration interval) {
        InterfaceRescan rescan = new InterfaceRescan(sockets);
        rescan.scan();
        rescan.thread.scheduleWithFixedDelay(rescan::scan, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return rescan;
    }

    /** {@link #DEFAULT_INTERVAL}, or the test's {@value #INTERVAL_PROPERTY} when set and positive. */
    static Duration interval() {
        long millis = Long.getLong(INTERVAL_PROPERTY, 0);
        return millis > 0 ? Duration.ofMillis(millis) : DEFAULT_INTERVAL;
    }

    private void scan() {
        List<LocalInterface> interfaces;
        try {
            interfaces = LocalInterface.all();
        } catch (SocketException | RuntimeException e) {
            // The wildcards serve on meanwhile; an exception escaping would also cancel the schedule.
            if (!scanFailing) {
                LOG.warn("cannot list the network interfaces: {}; keeping the per-address UDP sockets as they are",
                        e.toString());
            }
            scanFailing = true;
            return;
        }
        scanFailing = false;
        for (AddressUdpSockets each : sockets) {
            try {
                each.update(interfaces);
            } catch (RuntimeException e) {
                LOG.warn("updating the per-address UDP sockets: {}", e.toString(), e);
            }
        }
    }

    /** Stops scanning, waiting for a scan under way; the sockets are their owner's to close. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("interface scan still running after 5 s; closing the sockets without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
