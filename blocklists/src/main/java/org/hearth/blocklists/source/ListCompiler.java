package org.hearth.blocklists.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.blocklists.format.ListReader;
import org.hearth.blocklists.format.ParseReport;
import org.hearth.blocklists.index.IndexBuilder;
import org.hearth.blocklists.index.IndexFile;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the configured sources into the index file: local files as they are, remote ones from
 * their last good download. A source that cannot be read is reported and left out; the others still
 * build. The new file replaces the old one atomically and is opened (and so checked) before use.
 */
public final class ListCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(ListCompiler.class);
    /** First size of the builder's sort chunk; it grows to a fixed maximum, then spills to disk. */
    private static final int EXPECTED_NAMES = 1 << 16;

    private final SourceStore store;
    private final Clock clock;

    public ListCompiler(SourceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A freshly built and opened index, and each source's status. */
    public record Result(MappedDomainIndex index, List<SourceStatus> sources, long buildMillis) {}

    public Result compile(List<ListSource> sources) throws IOException {
        return compile(sources, store.indexFile());
    }

    public Result compile(List<ListSource> sources, Path target) throws IOException {
        long start = System.nanoTime();
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        IndexBuilder.deleteLeftoverRuns(dir);
        List<SourceStatus> statuses = new ArrayList<>();
        Instant now = clock.instant();
        // The builder spills sorted runs beside the index (same disk, cleaned on any failure).
        try (IndexBuilder builder = new IndexBuilder(EXPECTED_NAMES, dir)) {
            for (ListSource source : sources) {
                statuses.add(add(source, builder, now));
            }
            IndexMeta meta = new IndexMeta(IndexMeta.fingerprint(sources), statuses);
            IndexFile.write(builder, meta.encode(), target, now.toEpochMilli());
        }
        MappedDomainIndex index = MappedDomainIndex.open(target);
        return new Result(index, statuses, (System.nanoTime() - start) / 1_000_000);
    }

    private SourceStatus add(ListSource source, IndexBuilder builder, Instant now) {
        String category = source.category().id();
        Path input = store.input(source);
        SourceState state = source.remote() ? store.state(source) : SourceState.NEW;
        if (!Files.exists(input)) {
            String error = source.remote()
                    ? (state.lastError() != null ? state.lastError() : "not downloaded yet")
                    : new ListSourceException(source, "file not found: " + input).getMessage();
            LOG.warn("{}", error);
            return new SourceStatus(source.name(), category, source.location(), 0, state.lastSuccess(), error, null);
        }
        try {
            ParseReport report = ListReader.read(input, rule -> builder.add(rule, source.category()));
            if (!report.firstProblems().isEmpty()) {
                LOG.info("list \"{}\": {} lines skipped ({} unsupported, {} invalid); first: {}", source.name(),
                        report.unsupported() + report.invalid(), report.unsupported(), report.invalid(),
                        report.firstProblems().get(0));
            }
            Instant success = source.remote() ? state.lastSuccess() : now;
            return new SourceStatus(source.name(), category, source.location(), report.entries(), success,
                    state.lastError(), report);
        } catch (IOException e) {
            // Rules read before the failure stay in this build: for a local file that is the best
            // available; a remote copy was fully checked when downloaded, so this is a disk problem.
            String error = new ListSourceException(source, "cannot read " + input + ": " + e.getMessage(), e)
                    .getMessage();
            LOG.warn("{}", error);
            return new SourceStatus(source.name(), category, source.location(), 0, state.lastSuccess(), error, null);
        }
    }

    /**
     * True if the index file exists, was built from exactly these sources, and is newer than each
     * input and every {@code alsoOlder} file (the config file): then it can be reused as it is.
     */
    public boolean isFresh(List<ListSource> sources, Path... alsoOlder) {
        Path index = store.indexFile();
        try {
            if (!Files.exists(index)) {
                return false;
            }
            FileTime built = Files.getLastModifiedTime(index);
            for (ListSource s : sources) {
                Path input = store.input(s);
                if (Files.exists(input) && Files.getLastModifiedTime(input).compareTo(built) > 0) {
                    return false;
                }
            }
            for (Path p : alsoOlder) {
                if (Files.exists(p) && Files.getLastModifiedTime(p).compareTo(built) > 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The existing index if {@link #isFresh} and its file is intact and was built from these same
     * sources; empty if it must be rebuilt (a corrupt file is reported in the log and rebuilt).
     */
    public java.util.Optional<MappedDomainIndex> openIfFresh(List<ListSource> sources, Path... alsoOlder) {
        if (!isFresh(sources, alsoOlder)) {
            return java.util.Optional.empty();
        }
        try {
            MappedDomainIndex index = MappedDomainIndex.open(store.indexFile());
            if (!meta(index).fingerprint().equals(IndexMeta.fingerprint(sources))) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(index);
        } catch (IOException e) {
            LOG.warn("{}; rebuilding it", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** The source figures stored in an index, or an empty meta for a file without them. */
    public static IndexMeta meta(MappedDomainIndex index) {
        return IndexMeta.decode(index.meta());
    }
}
