package org.hearth.blocklists.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.CategorySet;
import org.hearth.blocklists.IndexMatch;
import org.hearth.blocklists.format.ListRule;
import org.hearth.blocklists.format.ListRule.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedDomainIndexTest {

    static final Category ADULT = CategoryCatalog.builtIn().byId("adult").orElseThrow();
    static final Category ADS = CategoryCatalog.builtIn().byId("ads-trackers").orElseThrow();

    @TempDir
    Path dir;

    private MappedDomainIndex index() {
        return IndexFixture.build(dir, List.of(
                new IndexFixture.Tagged(ADULT, ListRule.block("example.com")),
                new IndexFixture.Tagged(ADS, ListRule.block("ads.example.com")),
                new IndexFixture.Tagged(ADS, new ListRule("good.ads.example.com", true, Scope.NAME_AND_BELOW)),
                new IndexFixture.Tagged(ADS, new ListRule("wild.test", false, Scope.BELOW_ONLY)),
                new IndexFixture.Tagged(ADS, new ListRule("exact.test", false, Scope.NAME_ONLY))));
    }

    @Test
    void ruleCoversTheNameAndEverythingBelowButNotLookalikes() {
        MappedDomainIndex index = index();
        assertThat(index.lookup("example.com")).isEqualTo(new IndexMatch("example.com", CategorySet.of(ADULT)));
        assertThat(index.lookup("a.b.example.com").matchedDomain()).isEqualTo("example.com");
        assertThat(index.lookup("notexample.com")).isSameAs(IndexMatch.NONE);
        assertThat(index.lookup("com")).isSameAs(IndexMatch.NONE);
        assertThat(index.lookup("example.com.evil")).isSameAs(IndexMatch.NONE);
    }

    @Test
    void categoriesAreTheUnionOverSuffixesAndTheMostSpecificRuleIsReported() {
        IndexMatch match = index().lookup("x.ads.example.com");
        assertThat(match.categories()).isEqualTo(CategorySet.of(ADULT, ADS));
        assertThat(match.matchedDomain()).isEqualTo("ads.example.com");
    }

    @Test
    void exceptionPunchesAHoleOnlyInItsOwnCategory() {
        IndexMatch match = index().lookup("cdn.good.ads.example.com");
        assertThat(match.categories()).isEqualTo(CategorySet.of(ADULT));
        assertThat(match.matchedDomain()).isEqualTo("example.com");
    }

    @Test
    void wildcardCoversOnlyNamesBelowAndAnchoredRuleOnlyItself() {
        MappedDomainIndex index = index();
        assertThat(index.lookup("wild.test").matched()).isFalse();
        assertThat(index.lookup("a.wild.test").matchedDomain()).isEqualTo("wild.test");
        assertThat(index.lookup("exact.test").matched()).isTrue();
        assertThat(index.lookup("a.exact.test").matched()).isFalse();
    }

    @Test
    void sizeCountsDistinctNames() {
        assertThat(index().size()).isEqualTo(5);
    }

    @Test
    void truncatedFileIsRefusedWithAClearMessage() throws IOException {
        Path file = index().file();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 3);
        }
        assertThatThrownBy(() -> MappedDomainIndex.open(file))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void flippedByteIsRefusedByTheChecksum() throws IOException {
        Path file = index().file();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 10] ^= 0x40;
        Files.write(file, bytes);
        assertThatThrownBy(() -> MappedDomainIndex.open(file))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("checksum");
    }

    @Test
    void foreignFileIsRefused() throws IOException {
        Path file = dir.resolve("junk.bin");
        Files.write(file, new byte[100]);
        assertThatThrownBy(() -> MappedDomainIndex.open(file))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("magic");
        Files.write(file, new byte[10]);
        assertThatThrownBy(() -> MappedDomainIndex.open(file))
                .isInstanceOf(IndexFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void emptyIndexMatchesNothing() throws IOException {
        MappedDomainIndex index = IndexFixture.build(dir, List.of());
        assertThat(index.size()).isZero();
        assertThat(index.lookup("example.com")).isSameAs(IndexMatch.NONE);
    }
}
