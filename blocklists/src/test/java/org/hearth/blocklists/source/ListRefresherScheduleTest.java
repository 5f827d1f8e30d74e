package org.hearth.blocklists.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hearth.blocklists.DomainIndex;
import org.hearth.blocklists.DomainIndexHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListRefresherScheduleTest {

    @TempDir
    Path dir;

    @Test
    void nextRefreshIsDueAfterTheIntervalPlusAtMostTheJitter() {
        SourceStore store = new SourceStore(dir);
        ListRefresher refresher = new ListRefresher(List.of(), store,
                new SourceFetcher(Clock.systemUTC(), SourceFetcher.Limits.DEFAULT),
                new ListCompiler(store, Clock.systemUTC()), new DomainIndexHolder(DomainIndex.EMPTY));
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        try {
            for (int seed = 0; seed < 20; seed++) {
                executor.getQueue().clear();
                refresher.schedule(executor, Duration.ofHours(24), Duration.ofHours(1), new Random(seed));
                ScheduledFuture<?> next = (ScheduledFuture<?>) executor.getQueue().peek();
                assertThat(next.getDelay(TimeUnit.MINUTES)).isBetween(24 * 60L - 1, 25 * 60L);
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
