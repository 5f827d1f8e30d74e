package org.hearth.blocklists.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.CategorySet;
import org.hearth.blocklists.IndexMatch;
import org.hearth.blocklists.format.ListRule;

/** For random lists and names, the compiled, mapped index answers like a naive scan of the rules. */
class IndexMatchesReferenceTest {

    private static final List<Category> CATEGORIES = CategoryCatalog.builtIn().all().subList(0, 5);
    private static Path dir;

    private static Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("hearth-index-prop");
        }
        return dir;
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    @Property(tries = 200)
    void indexAgreesWithNaiveReference(@ForAll("rules") List<IndexFixture.Tagged> rules,
            @ForAll("names") List<String> names) throws IOException {
        MappedDomainIndex index = IndexFixture.build(dir(), rules);
        for (String name : names) {
            assertThat(index.lookup(name)).as(name).isEqualTo(reference(rules, name));
        }
        Files.delete(index.file());
    }

    @Property(tries = 100)
    void listedNameAndEveryNameBelowMatchButLookalikesDoNot(@ForAll("name") String listed,
            @ForAll("name") String prefix) throws IOException {
        Category c = CATEGORIES.get(0);
        MappedDomainIndex index = IndexFixture.build(dir(), List.of(new IndexFixture.Tagged(c, ListRule.block(listed))));
        assertThat(index.lookup(listed).matched()).isTrue();
        assertThat(index.lookup(prefix + "." + listed).matchedDomain()).isEqualTo(listed);
        assertThat(index.lookup(prefix.replace(".", "") + listed).matched()).isFalse();
        Files.delete(index.file());
    }

    static IndexMatch reference(List<IndexFixture.Tagged> rules, String name) {
        long blocks = 0;
        long excepts = 0;
        for (IndexFixture.Tagged t : rules) {
            if (covers(t.rule(), name)) {
                long bit = 1L << t.category().bit();
                if (t.rule().exception()) {
                    excepts |= bit;
                } else {
                    blocks |= bit;
                }
            }
        }
        long result = blocks & ~excepts;
        if (result == 0) {
            return IndexMatch.NONE;
        }
        String best = null;
        for (IndexFixture.Tagged t : rules) {
            if (!t.rule().exception() && covers(t.rule(), name) && (result & 1L << t.category().bit()) != 0
                    && (best == null || t.rule().name().length() > best.length())) {
                best = t.rule().name();
            }
        }
        return new IndexMatch(best, new CategorySet(result));
    }

    private static boolean covers(ListRule rule, String name) {
        if (name.equals(rule.name())) {
            return rule.scope().coversSelf();
        }
        return name.endsWith("." + rule.name()) && rule.scope().coversBelow();
    }

    @Provide
    Arbitrary<String> name() {
        // A tiny label alphabet so that random rules and names overlap often.
        Arbitrary<String> label = Arbitraries.of("a", "b", "ab", "ba", "xn--d1a", "c-d", "_s", "1a");
        return label.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join(".", l));
    }

    @Provide
    Arbitrary<List<String>> names() {
        return name().list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<IndexFixture.Tagged>> rules() {
        Arbitrary<IndexFixture.Tagged> rule = Combinators.combine(
                Arbitraries.of(CATEGORIES), name(), Arbitraries.of(true, false, false, false),
                Arbitraries.of(ListRule.Scope.class))
                .as((c, n, exception, scope) -> new IndexFixture.Tagged(c, new ListRule(n, exception, scope)));
        return rule.list().ofMaxSize(40).map(ArrayList::new);
    }
}
