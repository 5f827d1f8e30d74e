package org.hearth.gateway.background;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.Optional;
import java.util.Set;

/**
 * The heap's old generation, where its collector collects it only whole and with every thread
 * stopped: the serial collector's "Tenured Gen", the parallel one's "PS Old Gen".
 */
record OldGeneration(MemoryPoolMXBean pool) implements QuietCollector.Generation {

    private static final Set<String> WHOLE_COLLECTED = Set.of("Tenured Gen", "PS Old Gen");
    /** Below this much garbage a collection frees too little to be worth a pause, however quiet. */
    static final long MIN_GARBAGE_BYTES = 1L << 20;

    /** This JVM's old generation, if its collector collects it whole. */
    static Optional<OldGeneration> find() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (WHOLE_COLLECTED.contains(pool.getName()) && pool.isCollectionUsageThresholdSupported()) {
                return Optional.of(new OldGeneration(pool));
            }
        }
        return Optional.empty();
    }

    String name() {
        return pool.getName();
    }

    @Override
    public long used() {
        return pool.getUsage().getUsed();
    }

    /** Whether it has filled more than half of the room its last collection left. */
    @Override
    public boolean due() {
        MemoryUsage now = pool.getUsage();
        MemoryUsage afterLast = pool.getCollectionUsage();
        return due(now.getUsed(), afterLast == null ? 0 : afterLast.getUsed(), now.getCommitted());
    }

    /**
     * Half, not nearly all: a flood may start any moment, and the collection it would then set off
     * is the pause this avoids. Usage since the last collection counts as garbage, though some of
     * it is live (the cache filling up); that only brings the next collection forward.
     *
     * @param used bytes in use now
     * @param usedAfterLast bytes in use right after the last collection of this generation (0 if none)
     * @param committed bytes the generation has now
     */
    static boolean due(long used, long usedAfterLast, long committed) {
        long grown = used - usedAfterLast;
        long room = committed - usedAfterLast;
        return grown >= MIN_GARBAGE_BYTES && 2 * grown >= room;
    }
}
