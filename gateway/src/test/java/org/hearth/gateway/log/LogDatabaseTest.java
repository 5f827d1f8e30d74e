package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.log.Entries.WAIT;
import static org.hearth.gateway.log.Entries.blocked;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hearth.gateway.config.LogConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDatabaseTest {

    @TempDir
    Path dir;

    private final Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
    private final Entries.MutableClock clock = new Entries.MutableClock(t0);

    @Test
    void garbageFileIsMovedAsideAndANewLogStarts() throws Exception {
        Path file = dir.resolve("hearth.db");
        Files.writeString(file, "this is not a database, it is a shopping list\n".repeat(200), StandardCharsets.UTF_8);
        assertNewLogWorks(file);
        assertThat(Files.readString(movedAside().get(0))).startsWith("this is not a database");
    }

    @Test
    void truncatedFileIsMovedAsideAndANewLogStarts() throws Exception {
        Path file = dir.resolve("hearth.db");
        LogDatabase database = new LogDatabase(file, clock);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            for (int i = 0; i < 20_000; i++) {
                log.offer(blocked(t0.plusMillis(i), "pc", "n" + i + ".example", "adult"));
            }
            log.flush(WAIT);
        }
        checkpoint(database);
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size / 2);
        }
        // Another user of the same file (the alerts' outbox, the unblock requests) learns of the move.
        LogDatabase otherUser = new LogDatabase(dir.resolve(".").resolve("hearth.db"), clock);
        long before = otherUser.generation();
        assertNewLogWorks(file);
        assertThat(Files.size(movedAside().get(0))).isEqualTo(size / 2);
        assertThat(otherUser.generation()).isEqualTo(before + 1);
    }

    @Test
    void healthyFileIsKeptAcrossRestarts() throws Exception {
        Path file = dir.resolve("hearth.db");
        LogDatabase database = new LogDatabase(file, clock);
        for (int run = 0; run < 2; run++) {
            try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
                log.offer(blocked(t0.plusSeconds(run), "pc", "run" + run + ".example", "adult"));
                log.flush(WAIT);
            }
        }
        assertThat(movedAside()).isEmpty();
        assertThat(BlockLogTest.count(database, "blocked")).isEqualTo(2);
        try (Connection connection = database.openReader(); Statement statement = connection.createStatement()) {
            try (var mode = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.getString(1)).isEqualTo("wal");
            }
            try (var vacuum = statement.executeQuery("PRAGMA auto_vacuum")) {
                assertThat(vacuum.getInt(1)).as("incremental").isEqualTo(2);
            }
        }
    }

    @Test
    void logThatCannotOpenItsFileCountsEntriesAsLostAndKeepsAccepting() throws Exception {
        Path notAFolder = dir.resolve("data");
        Files.writeString(notAFolder, "a file where the data folder should be");
        LogDatabase database = new LogDatabase(notAFolder.resolve("hearth.db"), clock);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            for (int i = 0; i < 10; i++) {
                assertThat(log.offer(blocked(t0, "pc", "n" + i + ".example", "adult"))).isTrue();
            }
            log.flush(WAIT);
            assertThat(log.stats()).isEqualTo(new LogStats(0, 0, 10, 0));
        }
        assertThat(Files.readString(notAFolder)).startsWith("a file where");
    }

    @Test
    void readerSaysClearlyWhenThereIsNoDatabaseYet() {
        LogDatabase database = new LogDatabase(dir.resolve("missing.db"), clock);
        org.assertj.core.api.Assertions.assertThatThrownBy(database::openReader)
                .hasMessageContaining("no log database at").hasMessageContaining("missing.db");
        assertThat(Files.exists(dir.resolve("missing.db"))).isFalse();
    }

    /**
     * After the writer moves a corrupt file aside, it, the alerts' outbox and a request all make their
     * tables in the new file at once. SQLite answers BUSY there without waiting (a read lock that
     * wants to write while another connection writes); before the retry, the writer's open lost about
     * one race in eleven and the log paused for 10 s (seen in DataFolderFaultIT on CI).
     */
    @Test
    void usersMakingTheirTablesInANewFileAtOnceAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 100; round++) {
                LogDatabase database = new LogDatabase(dir.resolve("new-" + round + ".db"), clock);
                CyclicBarrier start = new CyclicBarrier(3);
                List<Future<Connection>> opens = List.of(
                        pool.submit(() -> {
                            start.await();
                            return database.openWriter();
                        }),
                        pool.submit(() -> {
                            start.await();
                            return database.openSideWriter(List.of("CREATE TABLE IF NOT EXISTS outbox (x)",
                                    "CREATE INDEX IF NOT EXISTS outbox_x ON outbox(x)"));
                        }),
                        pool.submit(() -> {
                            start.await();
                            return database.openSideWriter(List.of("CREATE TABLE IF NOT EXISTS request (x)"));
                        }));
                for (Future<Connection> open : opens) {
                    open.get(30, TimeUnit.SECONDS).close();
                }
                try (Connection connection = database.openReader();
                        Statement statement = connection.createStatement();
                        var rows = statement.executeQuery("SELECT count(*) FROM sqlite_master"
                                + " WHERE name IN ('blocked', 'outbox', 'outbox_x', 'request')")) {
                    assertThat(rows.getInt(1)).as("round %d", round).isEqualTo(4);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertNewLogWorks(Path file) throws Exception {
        LogDatabase database = new LogDatabase(file, clock);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            assertThat(log.offer(blocked(t0, "pc", "after.example", "adult"))).isTrue();
            log.flush(WAIT);
            assertThat(log.stats().written()).isEqualTo(1);
        }
        assertThat(movedAside()).hasSize(1);
        assertThat(movedAside().get(0).getFileName().toString()).isEqualTo("hearth.db.corrupt-20261120T080000Z");
        try (Connection connection = database.openReader();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("PRAGMA integrity_check")) {
            assertThat(rows.getString(1)).isEqualTo("ok");
        }
        assertThat(new LogQueries(database).blocked(LogFilter.all(), null, 10).entries())
                .extracting(LogEntry::name).containsExactly("after.example");
    }

    private List<Path> movedAside() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("hearth\\.db\\.corrupt-[0-9TZ]+")).toList();
        }
    }

    private static void checkpoint(LogDatabase database) throws Exception {
        try (Connection connection = database.openSideWriter(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}
