package org.hearth.blocklists.index;

/**
 * The 64-bit name hash of the index: FNV-1a over the name's characters read right to left, then
 * MurmurHash3's fmix64 so the top bits (which pick the bucket) are as good as the low ones.
 *
 * <p>Reading right to left makes the hash of every parent suffix a by-product of hashing the whole
 * name: a lookup hashes each character once and probes at each label boundary, allocating nothing.
 */
public final class DomainHash {

    static final long OFFSET = 0xcbf29ce484222325L;
    static final long PRIME = 0x100000001b3L;

    private DomainHash() {}

    /** The hash of a whole normalised name, as stored in the index. */
    public static long of(String name) {
        long h = OFFSET;
        for (int i = name.length() - 1; i >= 0; i--) {
            h = step(h, name.charAt(i));
        }
        return finish(h);
    }

    static long step(long h, char c) {
        return (h ^ c) * PRIME;
    }

    static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
