package org.hearth.blocklists.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The compiled index on disk: one little-endian file, memory-mapped by {@link MappedDomainIndex}.
 *
 * <pre>
 * header (64 bytes)
 *   0  magic "HEARTHIX"            8  int version           12 int bucketBits
 *   16 long entries               24 int paletteSize       28 int metaBytes
 *   32 long createdMillis         40 long payloadBytes     48 long payloadCrc32c   56 reserved
 * payload
 *   palette   paletteSize x 4 longs (blockSelf, blockBelow, exceptSelf, exceptBelow)
 *   buckets   (2^bucketBits + 1) ints: start of each bucket in the sorted entries
 *   hashes    entries longs, grouped by bucket (top bits of the hash), ascending inside a bucket
 *   ids       entries unsigned shorts: palette index of each hash, padded to 8 bytes
 *   meta      metaBytes of UTF-8 text (per-source figures for 'lists stats')
 * </pre>
 */
public final class IndexFile {

    static final long MAGIC = 0x5849485452414548L; // "HEARTHIX" read little-endian
    static final int VERSION = 1;
    static final int HEADER = 64;
    static final int PALETTE_ENTRY = 32;
    /** Average names per bucket between 4 and 8: about 0.5-1 byte per name for the bucket table. */
    static final int MIN_BUCKET_LOAD = 4;

    private IndexFile() {}

    /**
     * Writes the builder's content to {@code target} atomically: a temp file beside it, fsync,
     * rename. A reader of the old file is never disturbed (its mapping stays valid after the rename).
     * Consumes the builder: its run files are deleted whatever happens.
     */
    public static void write(IndexBuilder builder, String meta, Path target, long createdMillis) throws IOException {
        try {
            builder.finish();
            writeFinished(builder, meta, target, createdMillis);
        } finally {
            builder.close();
        }
    }

    /**
     * Streams the sorted entries into the file: three sequential passes (bucket starts, hashes,
     * ids), so nothing proportional to the number of names is held on the heap.
     */
    private static void writeFinished(IndexBuilder builder, String meta, Path target, long createdMillis)
            throws IOException {
        long n = builder.size();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException(n + " names: more than an index can hold");
        }
        int bucketBits = bucketBits(n);
        int buckets = 1 << bucketBits;

        byte[] metaBytes = meta.getBytes(StandardCharsets.UTF_8);
        List<RuleCombo> palette = builder.palette();
        long payload = (long) palette.size() * PALETTE_ENTRY + (buckets + 1L) * 4 + n * 8L
                + align8(n * 2L) + metaBytes.length;

        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ChunkWriter out = new ChunkWriter(ch, HEADER);
            for (RuleCombo c : palette) {
                out.putLong(c.blockSelf()).putLong(c.blockBelow()).putLong(c.exceptSelf()).putLong(c.exceptBelow());
            }
            writeBucketStarts(builder, bucketBits, n, out);
            try (SortedRuns.Cursor c = builder.entries()) {
                while (c.next()) {
                    out.putLong(c.hash());
                }
            }
            try (SortedRuns.Cursor c = builder.entries()) {
                while (c.next()) {
                    out.putShort((short) c.id());
                }
            }
            for (long pad = align8(n * 2L) - n * 2L; pad > 0; pad--) {
                out.put((byte) 0);
            }
            out.put(metaBytes);
            long crc = out.finish();

            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(MAGIC).putInt(VERSION).putInt(bucketBits).putLong(n).putInt(palette.size())
                    .putInt(metaBytes.length).putLong(createdMillis).putLong(payload).putLong(crc).putLong(0);
            header.flip();
            while (header.hasRemaining()) {
                ch.write(header, header.position());
            }
            ch.force(true);
        } catch (Throwable e) { // an Error too: a half-written temp file must not stay in the lists folder
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(dir);
    }

    static int bucketBits(long n) {
        int bits = 0;
        while (bits < 30 && (n >> (bits + 1)) >= MIN_BUCKET_LOAD) {
            bits++;
        }
        return bits;
    }

    static int bucketOf(long hash, int bucketBits) {
        return bucketBits == 0 ? 0 : (int) (hash >>> (64 - bucketBits));
    }

    /**
     * Bucket b starts at the number of entries in buckets before b; the entries are sorted by
     * unsigned hash, so they come grouped by bucket (the top bits) in ascending order.
     */
    private static void writeBucketStarts(IndexBuilder builder, int bucketBits, long n, ChunkWriter out)
            throws IOException {
        int buckets = 1 << bucketBits;
        int next = 0;
        int index = 0;
        try (SortedRuns.Cursor c = builder.entries()) {
            while (c.next()) {
                int bucket = bucketOf(c.hash(), bucketBits);
                while (next <= bucket) {
                    out.putInt(index);
                    next++;
                }
                index++;
            }
        }
        while (next <= buckets) {
            out.putInt((int) n);
            next++;
        }
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for fsync; the rename is still atomic there.
        }
    }

    /** Buffers writes into 1 MiB chunks and checksums the payload on the way. */
    private static final class ChunkWriter {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32C crc = new CRC32C();
        private long position;

        ChunkWriter(FileChannel ch, long start) {
            this.ch = ch;
            this.position = start;
        }

        ChunkWriter putLong(long v) throws IOException {
            room(8);
            buf.putLong(v);
            return this;
        }

        ChunkWriter putInt(int v) throws IOException {
            room(4);
            buf.putInt(v);
            return this;
        }

        ChunkWriter putShort(short v) throws IOException {
            room(2);
            buf.putShort(v);
            return this;
        }

        ChunkWriter put(byte v) throws IOException {
            room(1);
            buf.put(v);
            return this;
        }

        void put(byte[] bytes) throws IOException {
            for (byte b : bytes) {
                put(b);
            }
        }

        long finish() throws IOException {
            flush();
            return crc.getValue();
        }

        private void room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
        }

        private void flush() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            while (buf.hasRemaining()) {
                position += ch.write(buf, position);
            }
            buf.clear();
        }
    }
}
