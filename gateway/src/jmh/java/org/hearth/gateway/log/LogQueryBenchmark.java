package org.hearth.gateway.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The log views over a month of synthetic entries (5 million by default, -Dhearth.bench.rows=N via
 * -jvmArgsAppend). The database is built once in target/bench/log-month-N.db (a few minutes) and
 * reused by later runs. Each call opens its own read-only connection, as the admin API does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class LogQueryBenchmark {

    static final Instant END = Instant.parse("2026-11-28T00:00:00Z");
    static final Instant START = END.minus(Duration.ofDays(30));

    private LogQueries queries;
    private LogDatabase database;
    private PageCursor middle;
    private final String busyDevice = "dev-0";
    private final String quietDevice = "dev-40";

    @Setup(Level.Trial)
    public void database() throws IOException, SQLException {
        int rows = Integer.getInteger("hearth.bench.rows", 5_000_000);
        Path file = Files.createDirectories(Path.of("target", "bench")).resolve("log-month-" + rows + ".db");
        database = new LogDatabase(file, Clock.system(ZoneOffset.UTC));
        if (count(file) != rows) {
            generate(file, rows);
        }
        queries = new LogQueries(database);
        Instant mid = START.plus(Duration.ofDays(15));
        middle = new PageCursor(mid.toEpochMilli(), Long.MAX_VALUE);
        System.out.printf("%n%s: %d rows, %d MiB%n", file, count(file), Files.size(file) >> 20);
    }

    @Benchmark
    public LogPage newestPage() throws SQLException {
        return queries.blocked(LogFilter.all(), null, 50);
    }

    @Benchmark
    public LogPage pageInTheMiddleOfTheMonth() throws SQLException {
        return queries.blocked(LogFilter.all(), middle, 50);
    }

    @Benchmark
    public LogPage quietDevicePage() throws SQLException {
        return queries.blocked(LogFilter.all().withDevice(quietDevice), middle, 50);
    }

    @Benchmark
    public LogPage profilePage() throws SQLException {
        return queries.blocked(LogFilter.all().withProfile("teen"), null, 50);
    }

    @Benchmark
    public LogPage categoryPage() throws SQLException {
        return queries.blocked(LogFilter.all().withCategory("chat"), null, 50);
    }

    @Benchmark
    public LogPage deviceAndCategoryPage() throws SQLException {
        return queries.blocked(LogFilter.all().withDevice(quietDevice).withCategory("dating"), null, 50);
    }

    /** Worst case of a substring: no name matches, so the whole month is read. */
    @Benchmark
    public LogPage nameSubstringWithoutMatch() throws SQLException {
        return queries.blocked(LogFilter.all().withNameContaining("no-such-name-anywhere"), null, 50);
    }

    /** A text in thousands of names (4006 in the synthetic month), every device: the newest-first walk. */
    @Benchmark
    public LogPage nameSubstringInManyNames() throws SQLException {
        return queries.blocked(LogFilter.all().withNameContaining("casino"), null, 50);
    }

    /** A text in hundreds of names (885), every device: their entries through blocked_name_time, sorted. */
    @Benchmark
    public LogPage nameSubstringInHundredsOfNames() throws SQLException {
        return queries.blocked(LogFilter.all().withNameContaining("bet"), null, 50);
    }

    @Benchmark
    public LogPage nameSubstringOfOneDevice() throws SQLException {
        return queries.blocked(LogFilter.all().withDevice(quietDevice).withNameContaining("bet"), null, 50);
    }

    @Benchmark
    public Object topNamesOfBusiestDeviceOverTheMonth() throws SQLException {
        return queries.topNames(busyDevice, START, END, 10);
    }

    @Benchmark
    public Object topNamesOfQuietDeviceOverAWeek() throws SQLException {
        return queries.topNames(quietDevice, END.minus(Duration.ofDays(7)), END, 10);
    }

    @Benchmark
    public Object topCategoriesOfADeviceOverAYear() throws SQLException {
        return queries.topCategories(busyDevice, LocalDate.of(2025, 11, 28), LocalDate.of(2026, 11, 27), 10);
    }

    @Benchmark
    public Object dailyCountsOfAllDevicesOverAYear() throws SQLException {
        return queries.dailyCounts(null, LocalDate.of(2025, 11, 28), LocalDate.of(2026, 11, 27));
    }

    /** What opening the log costs at gateway start: the writer runs quick_check before the first batch. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public void openWithQuickCheck() throws SQLException {
        database.openWriter().close();
    }

    private static long count(Path file) {
        if (!Files.exists(file)) {
            return -1;
        }
        try (Connection connection = new LogDatabase(file, Clock.systemUTC()).openReader();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM blocked")) {
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void generate(Path file, int rows) throws IOException, SQLException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        long started = System.nanoTime();
        SyntheticLog synthetic = new SyntheticLog(7);
        LogDatabase database = new LogDatabase(file, Clock.system(ZoneOffset.UTC));
        double step = (double) Duration.between(START, END).toMillis() / rows;
        try (LogWriter writer = new LogWriter(database.openWriter(), ZoneOffset.UTC)) {
            List<BlockedLookup> batch = new ArrayList<>(50_000);
            for (int i = 0; i < rows; i++) {
                batch.add(synthetic.next(START.plusMillis((long) (i * step))));
                if (batch.size() == 50_000 || i == rows - 1) {
                    writer.write(batch, List.of());
                    batch.clear();
                }
            }
            try (Statement statement = writer.connection().createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
        System.out.printf("%ngenerated %d rows in %d s%n", rows,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }
}
