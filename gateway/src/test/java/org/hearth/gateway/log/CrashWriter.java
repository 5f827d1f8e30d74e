package org.hearth.gateway.log;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hearth.gateway.config.LogConfig;

/**
 * The child JVM of {@link LogCrashIT}: offers numbered entries at about 2 000 a second until it is
 * killed (or, bounded, after ten minutes). Entry {@code n} carries n in its detail.
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) throws InterruptedException {
        BlockLog log = BlockLog.start(Path.of(args[0]), LogConfig.defaults(), Clock.systemUTC());
        for (long seq = 0; seq < 1_200_000; seq++) {
            if (!log.offer(new BlockedLookup(Instant.now(), "child", "Child", "127.0.0.1", "kids",
                    "n" + seq + ".example", 1, List.of("adult"), BlockReason.LIST, Long.toString(seq), "0.0.0.0"))) {
                System.err.println("dropped " + seq);
            }
            if (seq % 2 == 1) {
                Thread.sleep(1);
            }
        }
        log.close();
    }
}
