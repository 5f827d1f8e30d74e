package org.hearth.blocklists.index;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An external sort of (hash, palette id) records with a fixed heap: records collect in one chunk
 * of at most {@code chunkRecords}; a full chunk is sorted, its equal hashes merged, and written to a
 * run file in the spill folder. {@link #finish} k-way merges the runs into one sorted, duplicate-free
 * file that can be read as often as needed. The heap holds one chunk (10 bytes a record) plus one
 * read buffer per run, whatever the number of names; the disk holds about 20 bytes a record.
 */
final class SortedRuns implements AutoCloseable {

    static final String RUN_PREFIX = "build-";
    static final String RUN_SUFFIX = ".run";
    /** Read buffers of all runs together stay under this during the merge. */
    private static final int MERGE_BUFFERS = 8 << 20;
    private static final int RECORD = 10;

    private final Path spillDir;
    private final int chunkRecords;
    private final Palette palette;
    private long[] hashes;
    private short[] ids;
    private int count;
    private final List<Path> runs = new ArrayList<>();
    private Path merged;
    private long mergedCount;

    SortedRuns(Path spillDir, int chunkRecords, int expected, Palette palette) {
        this.spillDir = spillDir;
        this.chunkRecords = chunkRecords;
        this.palette = palette;
        int initial = Math.max(16, Math.min(chunkRecords, expected));
        hashes = new long[initial];
        ids = new short[initial];
    }

    void add(long hash, int id) {
        if (count == hashes.length) {
            if (hashes.length < chunkRecords) {
                int grown = (int) Math.min(chunkRecords, hashes.length * 2L);
                hashes = Arrays.copyOf(hashes, grown);
                ids = Arrays.copyOf(ids, grown);
            } else {
                spill();
            }
        }
        hashes[count] = hash;
        ids[count] = (short) id;
        count++;
    }

    /** Sorts and merges everything added; afterwards {@link #size} and {@link #cursor} answer. */
    void finish() throws IOException {
        if (merged != null) {
            return;
        }
        sortChunk();
        if (runs.isEmpty()) {
            return; // everything fits in the chunk: it is the result
        }
        writeRun();
        merged = Files.createTempFile(spillDir, RUN_PREFIX, RUN_SUFFIX);
        hashes = null; // the chunk is not needed for the merge
        ids = null;
        int buffer = Math.max(4096, MERGE_BUFFERS / (runs.size() + 1));
        List<RunReader> readers = new ArrayList<>();
        try (DataOutputStream out = output(merged, buffer)) {
            PriorityQueue<RunReader> heads = new PriorityQueue<>(
                    (a, b) -> Long.compareUnsigned(a.hash, b.hash));
            for (Path run : runs) {
                RunReader r = new RunReader(run, buffer);
                readers.add(r);
                if (r.next()) {
                    heads.add(r);
                }
            }
            boolean any = false;
            long hash = 0;
            int id = 0;
            while (!heads.isEmpty()) {
                RunReader r = heads.poll();
                if (any && r.hash == hash) {
                    id = palette.union(id, r.id);
                } else {
                    if (any) {
                        out.writeLong(hash);
                        out.writeShort(id);
                        mergedCount++;
                    }
                    any = true;
                    hash = r.hash;
                    id = r.id;
                }
                if (r.next()) {
                    heads.add(r);
                }
            }
            if (any) {
                out.writeLong(hash);
                out.writeShort(id);
                mergedCount++;
            }
        } finally {
            for (RunReader r : readers) {
                r.close();
            }
            deleteRuns();
        }
    }

    /** Distinct hashes; only after {@link #finish}. */
    long size() {
        return merged != null ? mergedCount : count;
    }

    /** A fresh pass over the sorted, distinct records; only after {@link #finish}. */
    Cursor cursor() throws IOException {
        if (merged == null) {
            long[] h = hashes;
            short[] i = ids;
            int n = count;
            return new Cursor() {
                private int at = -1;

                @Override
                public boolean next() {
                    return ++at < n;
                }

                @Override
                public long hash() {
                    return h[at];
                }

                @Override
                public int id() {
                    return Short.toUnsignedInt(i[at]);
                }

                @Override
                public void close() {}
            };
        }
        RunReader r = new RunReader(merged, 1 << 16);
        return new Cursor() {
            @Override
            public boolean next() throws IOException {
                return r.next();
            }

            @Override
            public long hash() {
                return r.hash;
            }

            @Override
            public int id() {
                return r.id;
            }

            @Override
            public void close() throws IOException {
                r.close();
            }
        };
    }

    /** Deletes every file this sort wrote. */
    @Override
    public void close() throws IOException {
        deleteRuns();
        if (merged != null) {
            Files.deleteIfExists(merged);
        }
    }

    /** Sorted records, read one at a time. */
    interface Cursor extends AutoCloseable {
        boolean next() throws IOException;

        long hash();

        int id();

        @Override
        void close() throws IOException;
    }

    private void spill() {
        try {
            sortChunk();
            writeRun();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a sorted run of the index build to " + spillDir, e);
        }
    }

    /** Sorts the chunk and merges equal hashes in place. */
    private void sortChunk() {
        PairSort.sort(hashes, ids, 0, count);
        int w = 0;
        for (int r = 0; r < count; r++) {
            if (w > 0 && hashes[w - 1] == hashes[r]) {
                ids[w - 1] = (short) palette.union(Short.toUnsignedInt(ids[w - 1]), Short.toUnsignedInt(ids[r]));
            } else {
                hashes[w] = hashes[r];
                ids[w] = ids[r];
                w++;
            }
        }
        count = w;
    }

    private void writeRun() throws IOException {
        Files.createDirectories(spillDir);
        Path run = Files.createTempFile(spillDir, RUN_PREFIX, RUN_SUFFIX);
        runs.add(run);
        try (DataOutputStream out = output(run, 1 << 16)) {
            for (int i = 0; i < count; i++) {
                out.writeLong(hashes[i]);
                out.writeShort(ids[i]);
            }
        }
        count = 0;
    }

    private void deleteRuns() throws IOException {
        for (Path run : runs) {
            Files.deleteIfExists(run);
        }
        runs.clear();
    }

    private static DataOutputStream output(Path file, int buffer) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), buffer));
    }

    /** One run file, read record by record. */
    private static final class RunReader implements AutoCloseable {
        private final DataInputStream in;
        long hash;
        int id;

        RunReader(Path file, int buffer) throws IOException {
            InputStream raw = Files.newInputStream(file);
            in = new DataInputStream(new BufferedInputStream(raw, buffer));
        }

        boolean next() throws IOException {
            try {
                hash = in.readLong();
            } catch (EOFException e) {
                return false;
            }
            id = in.readUnsignedShort();
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
