package org.hearth.blocklists.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.format.ListReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListCompilerTest {

    static final CategoryCatalog CATALOG = CategoryCatalog.withCustom(List.of("homework-cheats"));
    final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    ListSource local(String name, String category, String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
        return ListSource.of(name, CATALOG.byId(category).orElseThrow(), file, dir);
    }

    @Test
    void compilesLocalListsAndReportsAMissingOneWithoutFailingTheRest() throws IOException {
        ListSource adult = local("adult", "adult", "adult.txt", "0.0.0.0 porn.example\n");
        ListSource cheats = local("cheats", "homework-cheats", "cheats.txt", "||answers.example^\n");
        ListSource missing = ListSource.of("gone", CATALOG.byId("adult").orElseThrow(), "gone.txt", dir);
        SourceStore store = new SourceStore(dir.resolve("data/lists"));
        ListCompiler.Result result = new ListCompiler(store, clock).compile(List.of(adult, cheats, missing));

        assertThat(CATALOG.ids(result.index().categories("x.answers.example"))).containsExactly("homework-cheats");
        assertThat(CATALOG.ids(result.index().categories("porn.example"))).containsExactly("adult");
        assertThat(result.sources()).extracting(SourceStatus::entries).containsExactly(1L, 1L, 0L);
        assertThat(result.sources().get(2).lastError()).contains("\"gone\"").contains("file not found");
        assertThat(result.sources().get(0).lastSuccess()).isEqualTo(clock.instant());

        IndexMeta meta = ListCompiler.meta(result.index());
        assertThat(meta.sources()).extracting(SourceStatus::name).containsExactly("adult", "cheats", "gone");
        assertThat(meta.sources().get(2).lastError()).contains("file not found");
    }

    @Test
    void freshIndexIsReusedAndANewerSourceOrConfigForcesARebuild() throws IOException {
        ListSource adult = local("adult", "adult", "adult.txt", "porn.example\n");
        Path config = dir.resolve("hearth.yml");
        Files.writeString(config, "lists: []\n");
        SourceStore store = new SourceStore(dir.resolve("lists"));
        ListCompiler compiler = new ListCompiler(store, clock);
        assertThat(compiler.openIfFresh(List.of(adult), config)).isEmpty();

        Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.setLastModifiedTime(dir.resolve("adult.txt"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        compiler.compile(List.of(adult));
        assertThat(compiler.openIfFresh(List.of(adult), config)).isPresent();

        ListSource renamed = ListSource.of("adult2", adult.category(), "adult.txt", dir);
        assertThat(compiler.openIfFresh(List.of(renamed), config)).isEmpty();

        Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(compiler.openIfFresh(List.of(adult), config)).isEmpty();
    }

    @Test
    void corruptIndexIsRebuiltNotUsed() throws IOException {
        ListSource adult = local("adult", "adult", "adult.txt", "porn.example\n");
        Files.setLastModifiedTime(dir.resolve("adult.txt"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        SourceStore store = new SourceStore(dir.resolve("lists"));
        ListCompiler compiler = new ListCompiler(store, clock);
        compiler.compile(List.of(adult));
        byte[] bytes = Files.readAllBytes(store.indexFile());
        bytes[bytes.length - 1] ^= 1;
        Files.write(store.indexFile(), bytes);
        assertThat(compiler.openIfFresh(List.of(adult))).isEmpty();
    }

    @Test
    void starterListsStandInOnlyForConfiguredCategoriesWithNothingYet() throws IOException {
        SourceStore store = new SourceStore(dir.resolve("lists"));
        ListSource remoteAdult = ListSource.of("adult", CATALOG.byId("adult").orElseThrow(),
                "http://127.0.0.1:9/adult.txt", dir);
        ListSource localScam = local("scam", "scam", "scam.txt", "scam.example\n");
        List<ListSource> all = StarterSet.withFallbacks(List.of(remoteAdult, localScam), store, CATALOG);
        assertThat(all).extracting(s -> s.category().id()).containsExactly("adult", "scam", "adult", "adult");
        assertThat(StarterSet.withFallbacks(List.of(), store, CATALOG)).isEmpty();

        ListCompiler.Result result = new ListCompiler(store, clock).compile(all);
        assertThat(result.index().size()).isGreaterThan(10_000);
    }

    @Test
    void bundledCatalogsAreWellFormedAndStarterListsParse() throws IOException {
        assertThat(DefaultSources.all()).hasSizeGreaterThan(20).allSatisfy(e -> {
            assertThat(CategoryCatalog.builtIn().byId(e.category())).as(e.name()).isPresent();
            assertThat(e.location()).startsWith("https://");
            assertThat(e.licence()).isNotBlank();
        });
        SourceStore store = new SourceStore(dir.resolve("lists"));
        for (ListSource s : StarterSet.extract(store, CATALOG)) {
            assertThat(ListReader.read(s.localFile(), r -> { }).entries()).as(s.name()).isGreaterThan(100);
        }
    }
}
