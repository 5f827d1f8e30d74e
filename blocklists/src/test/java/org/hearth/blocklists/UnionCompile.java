package org.hearth.blocklists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.hearth.blocklists.source.ListCompiler;
import org.hearth.blocklists.source.SourceStore;

/**
 * Compiles the union of the shared lists once, in its own JVM, so the heap a compile needs can be
 * measured with {@code -Xmx} and GC logs (see the README, "Build memory"). Not a test.
 */
public final class UnionCompile {

    private UnionCompile() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("hearth-union");
        long start = System.nanoTime();
        ListCompiler.Result r = new ListCompiler(new SourceStore(dir), Clock.systemUTC()).compile(SharedLists.sources());
        System.out.printf("names %d, compile %d ms, wall %d ms%n", r.index().size(), r.buildMillis(),
                (System.nanoTime() - start) / 1_000_000);
        Files.delete(r.index().file());
    }
}
