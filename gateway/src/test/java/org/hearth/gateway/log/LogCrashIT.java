package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a JVM that is writing the log: the file opens cleanly and loses at most the last second. */
class LogCrashIT {

    @TempDir
    Path dir;

    @Test
    void afterKillNineTheLogOpensCleanlyAndHoldsEverythingButTheLastSecond() throws Exception {
        Path file = dir.resolve("hearth.db");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), file.toString())
                .redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        Instant killedAt;
        try {
            // Kill it mid-stream: once a few thousand entries are committed and more keep coming.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (committed(file) < 3_000 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling the child's progress, bounded by the deadline
            }
            assertThat(child.isAlive()).as("child still writing; stderr: %s", Files.readString(dir.resolve(
                    "child.err"))).isTrue();
        } finally {
            killedAt = Instant.now();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        LogDatabase database = new LogDatabase(file, Clock.systemUTC());
        database.openWriter().close(); // the writer's open with its quick_check: recovers the WAL, must not move aside
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("corrupt"));
        }
        try (Connection connection = database.openReader(); Statement statement = connection.createStatement()) {
            try (ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
                assertThat(check.getString(1)).isEqualTo("ok");
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT count(*), min(CAST(detail AS INTEGER)), max(CAST(detail AS INTEGER)), max(time)"
                            + " FROM blocked")) {
                long count = rows.getLong(1);
                long maxSeq = rows.getLong(3);
                Instant newest = Instant.ofEpochMilli(rows.getLong(4));
                // Entries are offered in order, so no gap means everything older than the newest is there...
                assertThat(rows.getLong(2)).isZero();
                assertThat(count).isEqualTo(maxSeq + 1).isGreaterThanOrEqualTo(3_000);
                // ...and the newest stored entry is less than a second older than the kill.
                assertThat(Duration.between(newest, killedAt)).isLessThan(Duration.ofSeconds(1));
            }
        }
        List<String> childErrors = Files.readAllLines(dir.resolve("child.err"));
        assertThat(childErrors).noneMatch(l -> l.startsWith("dropped"));
    }

    private static long committed(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Connection connection = new LogDatabase(file, Clock.systemUTC()).openReader();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM blocked")) {
            return rows.getLong(1);
        } catch (SQLException notYet) {
            return 0; // the child is still creating the tables
        }
    }
}
