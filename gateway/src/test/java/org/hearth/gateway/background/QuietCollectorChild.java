package org.hearth.gateway.background;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The child JVM of {@link QuietCollectorTest}: prints what the collector did. */
public final class QuietCollectorChild {

    private static final int MIB = 1 << 20;
    private QuietCollectorChild() {}

    public static void main(String[] args) throws Exception {
        AtomicInteger waiting = new AtomicInteger(1); // busy until the garbage is ready
        try (QuietCollector collector = QuietCollector.start(() -> 0, waiting::get)) {
            if (!collector.watching()) {
                System.out.println("not watching");
                return;
            }
            OldGeneration old = OldGeneration.find().orElseThrow();
            GarbageCollectorMXBean full = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    // the young collector manages eden and the survivors only
                    .filter(gc -> Arrays.asList(gc.getMemoryPoolNames()).contains(old.name()))
                    .findFirst().orElseThrow();
            // Kept across the young collections they set off, so promoted (MaxTenuringThreshold=0),
            // then dropped: about 25 MiB of garbage in a 40 MiB old generation that no full
            // collection has touched yet.
            List<byte[]> kept = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                kept.add(new byte[MIB]);
            }
            kept = null;
            long before = full.getCollectionCount();
            Thread.sleep(5 * QuietCollector.PERIOD_MILLIS);
            System.out.println(full.getCollectionCount() == before ? "busy: no collection" : "busy: collected");
            waiting.set(0);
            long deadline = System.nanoTime() + 10L * QuietCollector.PERIOD_MILLIS * 1_000_000;
            while (full.getCollectionCount() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long used = old.pool().getUsage().getUsed();
            System.out.println(full.getCollectionCount() > before && used < 8 * MIB ? "quiet: collected"
                    : "quiet: not collected (" + used / MIB + " MiB in use)");
        }
    }
}
