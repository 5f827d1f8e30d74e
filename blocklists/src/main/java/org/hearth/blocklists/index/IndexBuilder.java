package org.hearth.blocklists.index;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.format.ListRule;

/**
 * Collects rules from any number of lists into sorted hash → {@link RuleCombo} form, ready for
 * {@link IndexFile#write}. Each rule becomes a (hash, one-rule combo) record; records are sorted in
 * chunks of a fixed size, spilled to run files in the spill folder, and merged (the combos of equal
 * hashes united) when the file is written. So the heap a build needs is bounded by the chunk (10
 * bytes a record, 10 MiB by default) whatever the size of the lists; a hash map of all names would
 * need 12 bytes a slot at most half full, twice over while it grows. Not thread-safe; one builder
 * per compile; {@link #close} deletes its run files if the build is abandoned.
 */
public final class IndexBuilder implements AutoCloseable {

    /** Palette ids are stored in 16 bits; real lists produce a few hundred combinations. */
    public static final int MAX_PALETTE = 1 << 16;
    /** Records sorted in memory at once: 10 MiB of heap. */
    public static final int CHUNK_RECORDS = 1 << 20;

    private final Palette palette = new Palette();
    private final SortedRuns records;

    /** A builder that spills to the system temp folder (tests and small lists). */
    public IndexBuilder(int expectedNames) {
        this(expectedNames, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A builder that spills sorted runs to {@code spillDir} (the index's own folder in the daemon). */
    public IndexBuilder(int expectedNames, Path spillDir) {
        this(expectedNames, spillDir, CHUNK_RECORDS);
    }

    IndexBuilder(int expectedNames, Path spillDir, int chunkRecords) {
        records = new SortedRuns(spillDir, chunkRecords, expectedNames, palette);
    }

    /**
     * Adds one rule. Throws {@link java.io.UncheckedIOException} if a full chunk cannot be written
     * to the spill folder.
     */
    public void add(ListRule rule, Category category) {
        add(DomainHash.of(rule.name()), rule.exception(), rule.scope(), category.bit());
    }

    void add(long hash, boolean exception, ListRule.Scope scope, int bit) {
        records.add(hash, palette.single(exception, scope, bit));
    }

    /**
     * Deletes run files a killed build left in {@code dir} (a daemon stopped mid-compile). Call it
     * only while no build uses that folder.
     */
    public static void deleteLeftoverRuns(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir,
                SortedRuns.RUN_PREFIX + "*" + SortedRuns.RUN_SUFFIX)) {
            for (Path p : leftovers) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Deletes the run files; the builder cannot be used afterwards. */
    @Override
    public void close() throws IOException {
        records.close();
    }

    /** Sorts and merges everything added, then the distinct names are {@link #size}. */
    void finish() throws IOException {
        records.finish();
    }

    /** Distinct listed names (a name in several lists counts once); only after {@link #finish}. */
    long size() {
        return records.size();
    }

    List<RuleCombo> palette() {
        return palette.combos();
    }

    /** A pass over the entries, sorted by unsigned hash; only after {@link #finish}. */
    SortedRuns.Cursor entries() throws IOException {
        return records.cursor();
    }
}
