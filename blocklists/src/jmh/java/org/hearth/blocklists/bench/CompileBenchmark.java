package org.hearth.blocklists.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.blocklists.SharedLists;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.blocklists.source.ListCompiler;
import org.hearth.blocklists.source.ListSource;
import org.hearth.blocklists.source.SourceStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + compile of every shared real list (110 files, ~1.8 M distinct names) into a checked
 * index file, and mapping + verifying that file (what {@code serve} does at start).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class CompileBenchmark {

    private List<ListSource> sources;
    private Path dir;
    private MappedDomainIndex last;

    @Setup
    public void setUp() throws IOException {
        sources = SharedLists.sources();
        dir = Files.createTempDirectory("hearth-bench");
        last = new ListCompiler(new SourceStore(dir), Clock.systemUTC()).compile(sources).index();
    }

    @Benchmark
    public MappedDomainIndex parseAndCompileAllSharedLists() throws IOException {
        last = new ListCompiler(new SourceStore(dir), Clock.systemUTC()).compile(sources).index();
        return last;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public MappedDomainIndex openAndVerifyIndexFile() throws IOException {
        return MappedDomainIndex.open(new SourceStore(dir).indexFile());
    }

    @TearDown
    public void report() throws IOException {
        System.out.printf("%nunion index: %,d names, %,d bytes, %.2f bytes per name%n", last.size(), last.bytes(),
                (double) last.bytes() / last.size());
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
