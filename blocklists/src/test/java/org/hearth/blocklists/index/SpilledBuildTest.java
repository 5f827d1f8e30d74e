package org.hearth.blocklists.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.format.ListRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A build whose records spill to many sorted runs (a tiny chunk) gives the same index as one that
 * sorts everything in memory, including names repeated across runs with different rules, and
 * leaves no run file behind.
 */
class SpilledBuildTest {

    private static final List<Category> CATEGORIES = CategoryCatalog.builtIn().all().subList(0, 6);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 1000})
    void spilledBuildAnswersLikeTheInMemoryBuild(int chunkRecords) throws IOException {
        Random random = new Random(chunkRecords);
        List<String> names = names(random, 300);
        List<IndexFixture.Tagged> rules = rules(random, names, 2_000);
        Path spill = Files.createDirectory(dir.resolve("spill"));

        MappedDomainIndex inMemory = build(rules, new IndexBuilder(rules.size(), dir, 1 << 20), "memory.hidx");
        MappedDomainIndex spilled = build(rules, new IndexBuilder(16, spill, chunkRecords), "spilled.hidx");

        assertThat(spilled.size()).isEqualTo(inMemory.size()).isEqualTo(names.size());
        for (String name : names) {
            for (String probe : List.of(name, "x." + name, name.substring(name.indexOf('.') + 1))) {
                assertThat(spilled.lookup(probe)).as(probe).isEqualTo(inMemory.lookup(probe));
            }
        }
        try (Stream<Path> left = Files.list(spill)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void abandonedBuildDeletesItsRuns() throws IOException {
        IndexBuilder builder = new IndexBuilder(16, dir, 4);
        for (int i = 0; i < 50; i++) {
            builder.add(ListRule.block("n" + i + ".example"), CATEGORIES.get(0));
        }
        try (Stream<Path> runs = Files.list(dir)) {
            assertThat(runs).isNotEmpty();
        }
        builder.close();
        try (Stream<Path> runs = Files.list(dir)) {
            assertThat(runs).isEmpty();
        }
    }

    private MappedDomainIndex build(List<IndexFixture.Tagged> rules, IndexBuilder builder, String file)
            throws IOException {
        for (IndexFixture.Tagged t : rules) {
            builder.add(t.rule(), t.category());
        }
        Path target = dir.resolve(file);
        IndexFile.write(builder, "test", target, 0L);
        return MappedDomainIndex.open(target);
    }

    private static List<String> names(Random random, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Some names are parents of others, so exceptions and below-rules interact.
            String base = "d" + random.nextInt(40) + ".example";
            names.add(i % 3 == 0 ? base : "n" + i + "." + base);
        }
        return names.stream().distinct().toList();
    }

    private static List<IndexFixture.Tagged> rules(Random random, List<String> names, int count) {
        List<IndexFixture.Tagged> rules = new ArrayList<>();
        for (String name : names) { // every name is listed at least once
            rules.add(new IndexFixture.Tagged(CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                    new ListRule(name, false, ListRule.Scope.NAME_AND_BELOW)));
        }
        ListRule.Scope[] scopes = ListRule.Scope.values();
        for (int i = rules.size(); i < count; i++) {
            rules.add(new IndexFixture.Tagged(CATEGORIES.get(random.nextInt(CATEGORIES.size())),
                    new ListRule(names.get(random.nextInt(names.size())), random.nextInt(5) == 0,
                            scopes[random.nextInt(scopes.length)])));
        }
        return rules;
    }
}
