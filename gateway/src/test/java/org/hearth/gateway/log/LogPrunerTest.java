package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.log.Entries.WAIT;
import static org.hearth.gateway.log.Entries.blocked;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.log.LogCounts.DayCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogPrunerTest {

    @TempDir
    Path dir;

    private final Instant start = Instant.parse("2026-01-01T12:00:00Z");
    private final Entries.MutableClock clock = new Entries.MutableClock(start);

    @Test
    void blockedEntriesExpireAfterThirtyDaysButTheirDailyCountsStayAYear() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        LogQueries queries = new LogQueries(database);
        LocalDate firstDay = LocalDate.of(2026, 1, 1);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            log.offer(blocked(start, "tablet", "old.example", "adult"));
            log.offer(blocked(start.plus(Duration.ofDays(20)), "tablet", "newer.example", "adult"));
            log.flush(WAIT);

            clock.advance(Duration.ofDays(30).plusMinutes(1));
            // Not asserting what pruneNow removed: the clock has jumped 30 days, so the writer's own
            // hourly prune (or its start-up one, if the flush returned first) may get there before
            // it. What is left is the same either way.
            log.pruneNow(WAIT);
            assertThat(names(queries, LogFilter.all())).containsExactly("newer.example");
            assertThat(names(queries, LogFilter.all().withCategory("adult"))).containsExactly("newer.example");
            assertThat(queries.dailyCounts("tablet", firstDay, firstDay)).containsExactly(new DayCount(firstDay, 1));

            clock.advance(Duration.ofDays(366));
            log.pruneNow(WAIT);
            assertThat(names(queries, LogFilter.all())).isEmpty();
            assertThat(queries.dailyCounts("tablet", firstDay, firstDay)).containsExactly(new DayCount(firstDay, 0));
            assertThat(queries.topCategories(null, firstDay, firstDay.plusDays(30), 5)).isEmpty();
            assertThat(BlockLogTest.count(database, "blocked_category")).isZero();
        }
    }

    @Test
    void aPruneSaysHowManyRowsItRemoved() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            log.offer(blocked(start, "tablet", "old.example", "adult"));
            log.offer(blocked(start.plus(Duration.ofDays(20)), "tablet", "newer.example", "adult"));
            log.flush(WAIT);
        }
        // The writer is closed: nothing else prunes while this one counts.
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        try (Connection connection = database.openWriter()) {
            LogPruner pruner = new LogPruner(LogConfig.defaults(), clock);
            assertThat(pruner.pruneAll(connection)).as("the old entry").isEqualTo(1);
            assertThat(pruner.pruneAll(connection)).isZero();
        }
    }

    @Test
    void writerPrunesOnItsOwnOnceAnHourOfTheInjectedClock() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
            // A prune now, on the writer thread: the next is due an hour later by the clock. (A flush
            // alone could return before the writer's own prune at start, which would then run after
            // the clock below has moved, and find the entry already past retention.)
            log.pruneNow(WAIT);
            // Half an hour inside retention now; past it an hour later.
            log.offer(blocked(start.minus(Duration.ofDays(30)).plusSeconds(1_800), "pc", "aging.example", "adult"));
            log.flush(WAIT);
            clock.advance(Duration.ofMinutes(59));
            log.flush(WAIT);
            assertThat(BlockLogTest.count(database, "blocked")).isEqualTo(1);
            clock.advance(Duration.ofMinutes(2));
            long deadline = System.nanoTime() + WAIT.toNanos();
            // The prune removes the entries, then in a later step the names no entry uses: wait for both.
            while ((BlockLogTest.count(database, "blocked") > 0 || BlockLogTest.count(database, "name") > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20); // waiting for the writer's next loop, bounded; nothing timed is asserted
            }
            assertThat(BlockLogTest.count(database, "blocked")).isZero();
            assertThat(BlockLogTest.count(database, "name")).isZero();
        }
    }

    @Test
    void allowedEntriesKeepTheirOwnShorterRetention() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        LogConfig config = new LogConfig(null, null, null, true, 2, null, null);
        try (BlockLog log = BlockLog.start(database, config, clock)) {
            log.offerAllowed(new AllowedLookup(start, "pc", "PC", "10.0.0.2", "adult", "example.org", 1, "NOERROR"));
            log.offer(blocked(start, "pc", "casino.example", "gambling"));
            log.flush(WAIT);
            clock.advance(Duration.ofDays(1));
            log.pruneNow(WAIT);
            assertThat(BlockLogTest.count(database, "allowed")).isEqualTo(1);
            clock.advance(Duration.ofDays(1).plusSeconds(1));
            log.pruneNow(WAIT);
            assertThat(BlockLogTest.count(database, "allowed")).isZero();
            assertThat(BlockLogTest.count(database, "blocked")).isEqualTo(1);
        }
    }

    @Test
    void overTheSizeCapTheOldestEntriesGoFirst() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        LogConfig oneMegabyte = new LogConfig(null, 1, null, null, null, 50_000, null);
        int total = 30_000;
        long before;
        try (BlockLog log = BlockLog.start(database, oneMegabyte, clock)) {
            for (int i = 0; i < total; i++) {
                // Distinct times, oldest first; names long enough that 30 000 of them exceed 1 MiB.
                log.offer(blocked(start.minusSeconds(total - i), "pc", "entry-" + i + ".some-long-name.example",
                        "ads-trackers"));
            }
            log.flush(WAIT);
            try (Connection connection = database.openReader()) {
                assertThat(LogPruner.usedBytes(connection)).isGreaterThan(oneMegabyte.maxSizeBytes());
            }
            before = java.nio.file.Files.size(database.file());
            log.pruneNow(WAIT);
            try (Connection connection = database.openReader()) {
                assertThat(LogPruner.usedBytes(connection)).isLessThanOrEqualTo(oneMegabyte.maxSizeBytes());
            }
        }
        // Closing checkpoints the WAL: the file itself gave the freed pages back.
        assertThat(java.nio.file.Files.size(database.file())).isLessThan(before)
                .isLessThanOrEqualTo(oneMegabyte.maxSizeBytes());
        long left = BlockLogTest.count(database, "blocked");
        assertThat(left).isBetween(1L, (long) total - 1);
        LogQueries queries = new LogQueries(database);
        // What is left is exactly the newest entries, with no gap.
        assertThat(queries.blocked(LogFilter.all(), null, 1).entries().get(0).name())
                .isEqualTo("entry-" + (total - 1) + ".some-long-name.example");
        assertThat(queries.blocked(LogFilter.all().between(null, start.minusSeconds(left)), null, 1).entries())
                .isEmpty();
        assertThat(BlockLogTest.count(database, "blocked_category")).isEqualTo(left);
    }

    @Test
    void overTheSizeCapAllowedEntriesGoBeforeAnyBlockedOne() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        LogConfig oneMegabyte = new LogConfig(null, 1, null, true, null, 50_000, null);
        try (BlockLog log = BlockLog.start(database, oneMegabyte, clock)) {
            for (int i = 0; i < 20; i++) {
                log.offer(blocked(start.minusSeconds(100 - i), "pc", "blocked-" + i + ".example", "adult"));
            }
            for (int i = 0; i < 30_000; i++) {
                log.offerAllowed(new AllowedLookup(start.minusSeconds(20_000 - i), "pc", "PC", "10.0.0.2", "adult",
                        "allowed-" + i + ".some-long-name.example", 1, "NOERROR"));
            }
            log.flush(WAIT);
            log.pruneNow(WAIT);
            try (Connection connection = database.openReader()) {
                assertThat(LogPruner.usedBytes(connection)).isLessThanOrEqualTo(oneMegabyte.maxSizeBytes());
            }
        }
        assertThat(BlockLogTest.count(database, "blocked")).isEqualTo(20);
        assertThat(BlockLogTest.count(database, "allowed")).isBetween(1L, 29_999L);
    }

    private static java.util.List<String> names(LogQueries queries, LogFilter filter) throws Exception {
        return queries.blocked(filter, null, 100).entries().stream().map(LogEntry::name).toList();
    }
}
