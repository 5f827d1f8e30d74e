package org.hearth.blocklists.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.hearth.blocklists.SharedLists;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.blocklists.source.ListCompiler;
import org.hearth.blocklists.source.SourceStore;

/** The union index of the shared lists, compiled once into target/ and reused by later runs. */
final class UnionIndex {

    static final Path DIR = Path.of("target", "bench-lists");

    private UnionIndex() {}

    static MappedDomainIndex get() throws IOException {
        SourceStore store = new SourceStore(DIR);
        if (Files.exists(store.indexFile())) {
            return MappedDomainIndex.open(store.indexFile());
        }
        return new ListCompiler(store, Clock.systemUTC()).compile(SharedLists.sources()).index();
    }
}
