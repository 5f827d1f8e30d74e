package org.hearth.blocklists.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.DomainIndex;
import org.hearth.blocklists.DomainIndexHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild that dies of an {@link Error} (the daemon's heap full mid-compile) is reported, keeps
 * the index in force and records the error per source, instead of killing the refresh thread.
 */
class ListRefresherFailureTest {

    static final CategoryCatalog CATALOG = CategoryCatalog.builtIn();
    final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** The real compiler, except that while {@code heapFull} the compile fails like a full heap. */
    private ListRefresher refresher(DomainIndexHolder holder, AtomicBoolean heapFull, List<ListSource> sources) {
        SourceStore store = new SourceStore(dir.resolve("lists"));
        ListCompiler real = new ListCompiler(store, clock);
        ListRefresher.Compile compile = build -> {
            if (heapFull.get()) {
                throw new OutOfMemoryError("Java heap space");
            }
            return real.compile(build);
        };
        return new ListRefresher(sources, store, new SourceFetcher(clock, SourceFetcher.Limits.DEFAULT), compile,
                holder);
    }

    private ListSource adultList() throws IOException {
        Files.writeString(dir.resolve("adult.txt"), "0.0.0.0 porn.example\n0.0.0.0 more.example\n");
        return ListSource.of("adult", CATALOG.byId("adult").orElseThrow(), "adult.txt", dir);
    }

    @Test
    void anErrorKeepsThePreviousIndexAndIsRecordedOnEverySource() throws IOException {
        DomainIndexHolder holder = new DomainIndexHolder(DomainIndex.EMPTY);
        AtomicBoolean heapFull = new AtomicBoolean(false);
        ListRefresher refresher = refresher(holder, heapFull, List.of(adultList()));
        assertThat(refresher.rebuild()).isTrue();
        DomainIndex good = holder.current();
        assertThat(good.lookup("porn.example").matched()).isTrue();

        heapFull.set(true);
        assertThat(refresher.rebuild()).isFalse();
        assertThat(refresher.refresh(true).rebuilt()).isFalse();

        assertThat(holder.current()).isSameAs(good);
        assertThat(holder.current().lookup("porn.example").matched()).isTrue();
        assertThat(refresher.statuses()).singleElement().satisfies(s -> {
            assertThat(s.lastError()).contains("index build failed").contains("OutOfMemoryError");
            assertThat(s.entries()).isEqualTo(2); // what the index in force holds
        });

        heapFull.set(false);
        assertThat(refresher.rebuild()).isTrue();
        assertThat(refresher.statuses()).singleElement().satisfies(s -> assertThat(s.lastError()).isNull());
    }

    @Test
    void theStepAfterABuildRunsBeforeThePublishAndNotAfterAFailedBuild() throws IOException {
        DomainIndexHolder holder = new DomainIndexHolder(DomainIndex.EMPTY);
        AtomicBoolean heapFull = new AtomicBoolean(false);
        List<DomainIndex> inForceAtStep = new java.util.ArrayList<>();
        ListRefresher refresher = refresher(holder, heapFull, List.of(adultList()))
                .afterEachBuild(() -> inForceAtStep.add(holder.current()));

        assertThat(refresher.rebuild()).isTrue();
        assertThat(inForceAtStep).containsExactly(DomainIndex.EMPTY);
        DomainIndex built = holder.current();
        assertThat(built.lookup("porn.example").matched()).isTrue();

        heapFull.set(true);
        assertThat(refresher.rebuild()).isFalse();
        assertThat(inForceAtStep).hasSize(1);

        heapFull.set(false);
        assertThat(refresher.rebuild()).isTrue();
        assertThat(inForceAtStep).containsExactly(DomainIndex.EMPTY, built);
    }

    @Test
    void anErrorOnAFirstStartLeavesTheEmptyIndexAndSaysSoPerSource() throws IOException {
        DomainIndexHolder holder = new DomainIndexHolder(DomainIndex.EMPTY);
        ListRefresher refresher = refresher(holder, new AtomicBoolean(true), List.of(adultList()));

        assertThat(refresher.rebuild()).isFalse();

        assertThat(holder.current()).isSameAs(DomainIndex.EMPTY);
        assertThat(refresher.statuses()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("adult");
            assertThat(s.category()).isEqualTo("adult");
            assertThat(s.lastError()).contains("OutOfMemoryError");
        });
    }
}
