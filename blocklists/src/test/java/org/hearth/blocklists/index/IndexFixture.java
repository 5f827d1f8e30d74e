package org.hearth.blocklists.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.format.ListRule;

/** Builds a real index file from (category, rule) pairs for tests. */
final class IndexFixture {

    record Tagged(Category category, ListRule rule) {}

    private IndexFixture() {}

    static MappedDomainIndex build(Path dir, List<Tagged> rules) {
        try {
            IndexBuilder builder = new IndexBuilder(rules.size());
            for (Tagged t : rules) {
                builder.add(t.rule(), t.category());
            }
            Path file = Files.createTempFile(dir, "index", ".bin");
            IndexFile.write(builder, "test", file, 0L);
            return MappedDomainIndex.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
