package org.hearth.blocklists;

import java.util.Objects;

/**
 * A category of the catalog: a stable id (used in config, the log and the index file) and the bit
 * it occupies in a {@link CategorySet}. Built-in ids never change their bit, so an index file
 * written by one version reads the same in the next.
 */
public record Category(String id, int bit, boolean builtIn) {

    public Category {
        Objects.requireNonNull(id, "id");
        if (bit < 0 || bit >= CategorySet.MAX_CATEGORIES) {
            throw new IllegalArgumentException("category bit out of range: " + bit);
        }
    }
}
