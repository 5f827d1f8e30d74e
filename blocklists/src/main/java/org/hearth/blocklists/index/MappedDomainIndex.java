package org.hearth.blocklists.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.hearth.blocklists.CategorySet;
import org.hearth.blocklists.DomainIndex;
import org.hearth.blocklists.IndexMatch;

/**
 * A {@link DomainIndex} read straight from a memory-mapped {@link IndexFile}: nothing but the small
 * palette is copied to the heap, so millions of names cost the page cache, not the Java heap.
 *
 * <p>A lookup hashes the name right to left and probes the bucket of the name and of each parent
 * suffix: one probe per label. Each probe reads one bucket bound pair and scans about 4-8 hashes.
 *
 * <p>False matches: names are stored as 64-bit hashes only. A name that is not listed matches by
 * accident only if one of its (at most ~6 in practice) suffix hashes equals one of the n stored
 * hashes: probability about 6·n/2^64, i.e. 6e-13 per lookup at n = 1.8 million.
 */
public final class MappedDomainIndex implements DomainIndex {

    private final Path file;
    private final ByteBuffer data;
    private final int bucketBits;
    private final long entries;
    private final long createdMillis;
    private final long[] palette;
    private final int bucketsAt;
    private final int hashesAt;
    private final int idsAt;
    private final String meta;
    private final long fileBytes;

    private MappedDomainIndex(Path file, ByteBuffer data, long fileBytes) throws IndexFormatException {
        this.file = file;
        this.data = data;
        this.fileBytes = fileBytes;
        if (fileBytes < IndexFile.HEADER) {
            throw new IndexFormatException(file, "truncated: " + fileBytes + " bytes is shorter than the header");
        }
        if (data.getLong(0) != IndexFile.MAGIC) {
            throw new IndexFormatException(file, "not a Hearth index (bad magic)");
        }
        int version = data.getInt(8);
        if (version != IndexFile.VERSION) {
            throw new IndexFormatException(file, "version " + version + ", this build reads " + IndexFile.VERSION);
        }
        bucketBits = data.getInt(12);
        entries = data.getLong(16);
        int paletteSize = data.getInt(24);
        int metaBytes = data.getInt(28);
        createdMillis = data.getLong(32);
        long payload = data.getLong(40);
        long expectedCrc = data.getLong(48);
        if (bucketBits < 0 || bucketBits > 30 || entries < 0 || paletteSize < 1 || metaBytes < 0) {
            throw new IndexFormatException(file, "corrupt header");
        }
        long expectedPayload = (long) paletteSize * IndexFile.PALETTE_ENTRY + ((1L << bucketBits) + 1) * 4
                + entries * 8 + ((entries * 2 + 7) & ~7L) + metaBytes;
        if (payload != expectedPayload || IndexFile.HEADER + payload != fileBytes) {
            throw new IndexFormatException(file, "truncated or padded: " + fileBytes + " bytes, header says "
                    + (IndexFile.HEADER + expectedPayload));
        }
        CRC32C crc = new CRC32C();
        crc.update(data.duplicate().position(IndexFile.HEADER).limit((int) fileBytes));
        if (crc.getValue() != expectedCrc) {
            throw new IndexFormatException(file, "checksum mismatch: the file is corrupt");
        }
        palette = new long[paletteSize * 4];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = data.getLong(IndexFile.HEADER + i * 8);
        }
        bucketsAt = IndexFile.HEADER + paletteSize * IndexFile.PALETTE_ENTRY;
        hashesAt = bucketsAt + ((1 << bucketBits) + 1) * 4;
        idsAt = hashesAt + (int) entries * 8;
        int metaAt = idsAt + (int) ((entries * 2 + 7) & ~7L);
        byte[] m = new byte[metaBytes];
        data.get(metaAt, m);
        meta = new String(m, StandardCharsets.UTF_8);
    }

    /** Maps and verifies {@code file}; a truncated, corrupt or foreign file is refused. */
    public static MappedDomainIndex open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new IndexFormatException(file, "larger than 2 GiB");
            }
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new MappedDomainIndex(file, map.order(ByteOrder.LITTLE_ENDIAN), size);
        }
    }

    @Override
    public IndexMatch lookup(String name) {
        long blocks = 0;
        long excepts = 0;
        long h = DomainHash.OFFSET;
        for (int i = name.length() - 1; i >= 0; i--) {
            h = DomainHash.step(h, name.charAt(i));
            if (i == 0 || name.charAt(i - 1) == '.') {
                int id = find(DomainHash.finish(h));
                if (id >= 0) {
                    int p = id * 4;
                    boolean self = i == 0;
                    blocks |= self ? palette[p] : palette[p + 1];
                    excepts |= self ? palette[p + 2] : palette[p + 3];
                }
            }
        }
        long result = blocks & ~excepts;
        if (result == 0) {
            return IndexMatch.NONE;
        }
        return new IndexMatch(name.substring(mostSpecificSource(name, result)), new CategorySet(result));
    }

    /**
     * Start of the most specific suffix whose own block rules contribute to {@code result}. Hits
     * only: probes again from the most specific suffix rather than remembering the first pass's
     * finds, which would cost an allocation on every lookup that finds anything.
     */
    private int mostSpecificSource(String name, long result) {
        for (int at = 0; at < name.length(); at = name.indexOf('.', at) + 1) {
            long h = DomainHash.OFFSET;
            for (int i = name.length() - 1; i >= at; i--) {
                h = DomainHash.step(h, name.charAt(i));
            }
            int id = find(DomainHash.finish(h));
            if (id >= 0 && ((at == 0 ? palette[id * 4] : palette[id * 4 + 1]) & result) != 0) {
                return at;
            }
            if (name.indexOf('.', at) < 0) {
                break;
            }
        }
        throw new IllegalStateException("unreachable: a result bit has no source");
    }

    /** Palette id stored for {@code hash}, or -1. */
    private int find(long hash) {
        int bucket = IndexFile.bucketOf(hash, bucketBits);
        int from = data.getInt(bucketsAt + bucket * 4);
        int to = data.getInt(bucketsAt + bucket * 4 + 4);
        for (int i = from; i < to; i++) {
            long stored = data.getLong(hashesAt + i * 8);
            if (stored == hash) {
                return Short.toUnsignedInt(data.getShort(idsAt + i * 2));
            }
            if (Long.compareUnsigned(stored, hash) > 0) {
                return -1;
            }
        }
        return -1;
    }

    @Override
    public long size() {
        return entries;
    }

    /** Bytes of the mapped file: everything the index costs in memory, all of it off the heap. */
    public long bytes() {
        return fileBytes;
    }

    public long createdMillis() {
        return createdMillis;
    }

    /** The text the compiler stored beside the index (per-source figures). */
    public String meta() {
        return meta;
    }

    public Path file() {
        return file;
    }
}
