package org.hearth.blocklists.index;

import java.util.Arrays;

/**
 * An open-addressing map from 64-bit name hashes to small ints, used only while building: boxed
 * maps would need about 80 bytes per name where this needs 12 at most twice over.
 */
final class LongIntMap {

    private static final int FREE = -1;
    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    LongIntMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    int size() {
        return size;
    }

    /** The value for {@code key}, or -1. */
    int get(long key) {
        int i = slot(key);
        while (values[i] != FREE) {
            if (keys[i] == key) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return FREE;
    }

    void put(long key, int value) {
        if ((size + 1) * 2L > keys.length) {
            grow();
        }
        int i = slot(key);
        while (values[i] != FREE) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    /** Calls {@code action} for every entry, in no particular order. */
    void forEach(Entry action) {
        for (int i = 0; i < keys.length; i++) {
            if (values[i] != FREE) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    interface Entry {
        void accept(long key, int value);
    }

    private int slot(long key) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, FREE);
        mask = capacity - 1;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != FREE) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
