package org.hearth.gateway.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hearth.gateway.config.LogConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many blocked lookups a second the log keeps up with, on a real file in target/bench: the
 * SQL batch alone ({@code writeBatch}), and the whole path from {@code offer} through the queue and
 * writer thread to a commit ({@code offerAndCommit}). Scores are entries per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class LogWriterBenchmark {

    static final int BATCH = 1_000;
    static final int BURST = 10_000;

    private Path dir;
    private SyntheticLog synthetic;
    private LogWriter writer;
    private BlockLog log;
    private long millis = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    @Setup(Level.Trial)
    public void open() throws IOException, SQLException {
        dir = Files.createDirectories(Path.of("target", "bench")).resolve("writer-" + System.nanoTime());
        Files.createDirectories(dir);
        synthetic = new SyntheticLog(42);
        Clock clock = Clock.system(ZoneOffset.UTC);
        writer = new LogWriter(new LogDatabase(dir.resolve("batch.db"), clock).openWriter(), ZoneOffset.UTC);
        // A queue twice the burst so a burst is never dropped: the score is what the writer commits.
        log = BlockLog.start(dir.resolve("log.db"), new LogConfig(3650, 4096, null, null, null, 2 * BURST, null),
                clock);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void writeBatch() throws SQLException {
        List<BlockedLookup> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(synthetic.next(Instant.ofEpochMilli(millis++)));
        }
        writer.write(batch, List.of());
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void offerAndCommit() throws Exception {
        for (int i = 0; i < BURST; i++) {
            if (!log.offer(synthetic.next(Instant.ofEpochMilli(millis++)))) {
                throw new IllegalStateException("dropped: the queue is sized so this cannot happen");
            }
        }
        log.flush(Duration.ofMinutes(1));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException, SQLException {
        writer.close();
        log.close();
        if (log.stats().lost() > 0) {
            throw new IllegalStateException("entries lost: " + log.stats());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
