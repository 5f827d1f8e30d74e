package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.log.Entries.WAIT;
import static org.hearth.gateway.log.Entries.blocked;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.log.LogCounts.DayCount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockLogTest {

    @TempDir
    Path dir;

    private final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
    // Fixed, so the entries below never age past retention however late the test runs.
    private final Clock clock = new Entries.MutableClock(t0.plusSeconds(86_400 * 2));

    @Test
    void theWriterRunsIdleClassBelowTheDnsPath() throws Exception {
        try (BlockLog log = BlockLog.start(new LogDatabase(dir.resolve("hearth.db"), clock), Entries.config(false), clock)) {
            log.flush(WAIT); // the writer has started, and lowered itself first
            List<String> writers = new java.util.ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    // The kernel keeps 15 characters of a thread's name.
                    if (Files.readString(task.resolve("comm")).strip().equals("hearth-log-writ")) {
                        String stat = Files.readString(task.resolve("stat"));
                        // field 41, the scheduling policy (5: SCHED_IDLE), and field 19, the nice value
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        writers.add("policy " + fields[38] + " nice " + fields[16]);
                    }
                }
            }
            // Idle-class where chrt can set it (Linux), else nice 19 (BackgroundThreads).
            assertThat(writers).isNotEmpty().allMatch(w -> w.startsWith("policy 5 ") || w.endsWith(" nice 19"));
        }
    }

    @Test
    void blockedLookupIsStoredWithEveryFieldAndReadBackNewestFirst() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        BlockedLookup cloaked = new BlockedLookup(t0.plusSeconds(5), "tablet-1", "Kid tablet", "192.168.1.23",
                "kids", "tracker.example.net", 28, List.of("ads-trackers", "malware"), BlockReason.CNAME_CLOAKING,
                "cname: cdn.tracker.example", "NXDOMAIN");
        try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
            assertThat(log.offer(blocked(t0, "tablet-1", "casino.example", "gambling"))).isTrue();
            assertThat(log.offer(cloaked)).isTrue();
            log.flush(WAIT);
            assertThat(log.stats().written()).isEqualTo(2);
        }
        LogPage page = new LogQueries(database).blocked(LogFilter.all(), null, 10);
        assertThat(page.entries()).hasSize(2);
        assertThat(page.next()).isNull();
        LogEntry newest = page.entries().get(0);
        assertThat(new BlockedLookup(newest.time(), newest.deviceId(), newest.deviceName(), newest.client(),
                newest.profile(), newest.name(), newest.qtype(), newest.categories(), newest.reason(), newest.detail(),
                newest.answer())).isEqualTo(cloaked);
        assertThat(page.entries().get(1).name()).isEqualTo("casino.example");
    }

    @Test
    void fullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        LogConfig small = new LogConfig(null, null, null, null, null, 16, null);
        try (BlockLog log = BlockLog.start(database, small, clock)) {
            log.flush(WAIT);
            long accepted = 0;
            long refused = 0;
            // Another connection holds the write lock, so the writer is stuck on its first batch
            // (for up to its 5 s busy timeout) and the queue has to fill up.
            try (Connection blocker = DriverManager.getConnection("jdbc:sqlite:" + database.file());
                    Statement lock = blocker.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                for (int i = 0; i < 100_000 && refused < 100; i++) {
                    if (log.offer(blocked(t0.plusMillis(i), "pc", "n" + i + ".example", "adult"))) {
                        accepted++;
                    } else {
                        refused++;
                    }
                }
                lock.execute("ROLLBACK");
            }
            assertThat(refused).isEqualTo(100);
            assertThat(log.droppedCount()).isEqualTo(refused);
            log.flush(WAIT);
            LogStats stats = log.stats();
            assertThat(stats.dropped()).isEqualTo(refused);
            assertThat(stats.written() + stats.lost()).isEqualTo(accepted);
            assertThat(stats.lost()).isZero();
        }
        assertThat(new LogQueries(database).blocked(LogFilter.all(), null, 1000).entries()).hasSize(
                (int) new LogQueries(database).dailyCounts("pc", LocalDate.of(2026, 11, 20),
                        LocalDate.of(2026, 11, 20)).get(0).blocked());
    }

    @Test
    void allowedLookupsAreNotRecordedUnlessTheAdminTurnsThemOn() throws Exception {
        // Allowed entries are kept 7 days, so this one must be recent or the first prune removes it.
        AllowedLookup allowed = new AllowedLookup(clock.instant(), "pc", "PC", "10.0.0.2", "adult", "example.org", 1, "NOERROR");
        LogDatabase off = new LogDatabase(dir.resolve("off.db"), clock);
        try (BlockLog log = BlockLog.start(off, Entries.config(false), clock)) {
            assertThat(log.offerAllowed(allowed)).isFalse();
            log.flush(WAIT);
        }
        assertThat(count(off, "allowed")).isZero();
        LogDatabase on = new LogDatabase(dir.resolve("on.db"), clock);
        try (BlockLog log = BlockLog.start(on, Entries.config(true), clock)) {
            assertThat(log.offerAllowed(allowed)).isTrue();
            log.flush(WAIT);
        }
        assertThat(count(on, "allowed")).isEqualTo(1);
    }

    @Test
    void deferredEntriesAreBuiltOnTheWriterThreadAndOneThatThrowsIsCountedLost() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        List<String> builtOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
            assertThat(log.offerDeferred(() -> {
                builtOn.add(Thread.currentThread().getName());
                return blocked(t0, "pc", "first.example", "adult");
            })).isTrue();
            assertThat(log.offerDeferred(() -> {
                throw new IllegalStateException("a broken reason");
            })).isTrue();
            assertThat(log.offer(blocked(t0.plusMillis(1), "pc", "second.example", "adult"))).isTrue();
            log.flush(WAIT);
            assertThat(log.stats().written()).isEqualTo(2);
            assertThat(log.stats().lost()).isEqualTo(1);
        }
        assertThat(builtOn).hasSize(1).doesNotContain(Thread.currentThread().getName());
        assertThat(new LogQueries(database).blocked(LogFilter.all(), null, 10).entries())
                .extracting(LogEntry::name).containsExactly("second.example", "first.example");
    }

    @Test
    void aNameAlreadyInTheTableIsReusedByANewWriterNotAddedAgain() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        for (int run = 0; run < 2; run++) { // each run is a new writer with an empty name cache
            try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
                assertThat(log.offer(blocked(t0.plusSeconds(run), "pc", "same.example", "adult"))).isTrue();
                assertThat(log.offer(blocked(t0.plusSeconds(run), "pc", "new" + run + ".example", "adult"))).isTrue();
                log.flush(WAIT);
            }
        }
        assertThat(count(database, "name")).isEqualTo(3);
        assertThat(new LogQueries(database).blocked(LogFilter.all(), null, 10).entries())
                .extracting(LogEntry::name).containsExactlyInAnyOrder("same.example", "new0.example", "same.example",
                        "new1.example");
    }

    @Test
    void closeWritesEverythingStillQueued() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock);
        for (int i = 0; i < 3_000; i++) {
            assertThat(log.offer(blocked(t0.plusMillis(i), "pc", "n" + i + ".example", "adult"))).isTrue();
        }
        log.close();
        assertThat(log.offer(blocked(t0, "pc", "late.example"))).isFalse();
        assertThat(count(database, "blocked")).isEqualTo(3_000);
    }

    @Test
    void dailyAggregatesCountEntriesPerDeviceAndCategory() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
            log.offer(blocked(t0, "a", "x.example", "adult", "gambling"));
            log.offer(blocked(t0.plusSeconds(1), "a", "y.example", "adult"));
            log.offer(blocked(t0.plusSeconds(86_400), "a", "z.example"));
            log.offer(blocked(t0, "b", "x.example", "adult"));
            log.flush(WAIT);
        }
        LogQueries queries = new LogQueries(database);
        LocalDate day = LocalDate.of(2026, 11, 20);
        assertThat(queries.dailyCounts("a", day.minusDays(1), day.plusDays(1))).containsExactly(
                new DayCount(day.minusDays(1), 0), new DayCount(day, 2), new DayCount(day.plusDays(1), 1));
        assertThat(queries.dailyCounts(null, day, day)).containsExactly(new DayCount(day, 3));
        assertThat(queries.topCategories("a", day, day.plusDays(1), 10)).containsExactly(
                new LogCounts.CategoryCount("adult", 2), new LogCounts.CategoryCount("gambling", 1));
        assertThat(queries.findDevice("NAME OF B")).contains("b");
    }

    static long count(LogDatabase database, String table) throws Exception {
        try (Connection connection = database.openReader();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            return rows.getLong(1);
        }
    }
}
