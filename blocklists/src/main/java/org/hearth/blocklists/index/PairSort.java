package org.hearth.blocklists.index;

/**
 * Sorts a run of (hash, palette id) pairs held in two parallel arrays by unsigned hash, in place:
 * a library sort would need the pairs boxed or packed, and either doubles the memory of a chunk.
 * Quicksort (median of three, Hoare partition, recursion on the smaller side so the stack stays
 * logarithmic); the hashes are uniformly distributed, so the worst case does not arise in practice.
 */
final class PairSort {

    private static final int INSERTION = 16;

    private PairSort() {}

    /** Sorts {@code [from, to)} of both arrays by {@code hashes}, unsigned ascending. */
    static void sort(long[] hashes, short[] ids, int from, int to) {
        int lo = from;
        int hi = to;
        while (hi - lo > INSERTION) {
            int mid = (lo + hi) >>> 1;
            medianToFront(hashes, ids, lo, mid, hi - 1);
            long pivot = hashes[lo];
            int i = lo - 1;
            int j = hi;
            while (true) {
                do {
                    i++;
                } while (Long.compareUnsigned(hashes[i], pivot) < 0);
                do {
                    j--;
                } while (Long.compareUnsigned(hashes[j], pivot) > 0);
                if (i >= j) {
                    break;
                }
                swap(hashes, ids, i, j);
            }
            // Hoare with the pivot at lo: lo <= j < hi - 1, so both sides shrink.
            if (j + 1 - lo < hi - j - 1) {
                sort(hashes, ids, lo, j + 1);
                lo = j + 1;
            } else {
                sort(hashes, ids, j + 1, hi);
                hi = j + 1;
            }
        }
        insertion(hashes, ids, lo, hi);
    }

    private static void medianToFront(long[] h, short[] ids, int a, int b, int c) {
        if (Long.compareUnsigned(h[b], h[a]) < 0) {
            swap(h, ids, a, b);
        }
        if (Long.compareUnsigned(h[c], h[b]) < 0) {
            swap(h, ids, b, c);
            if (Long.compareUnsigned(h[b], h[a]) < 0) {
                swap(h, ids, a, b);
            }
        }
        swap(h, ids, a, b); // the median of the three goes to a
    }

    private static void insertion(long[] h, short[] ids, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            long key = h[i];
            short id = ids[i];
            int j = i - 1;
            while (j >= lo && Long.compareUnsigned(h[j], key) > 0) {
                h[j + 1] = h[j];
                ids[j + 1] = ids[j];
                j--;
            }
            h[j + 1] = key;
            ids[j + 1] = id;
        }
    }

    private static void swap(long[] h, short[] ids, int i, int j) {
        long t = h[i];
        h[i] = h[j];
        h[j] = t;
        short s = ids[i];
        ids[i] = ids[j];
        ids[j] = s;
    }
}
