package org.hearth.blocklists;

/**
 * The compiled map from domain to categories. Immutable; a refresh builds a new one and swaps it.
 *
 * <p>Matching (ARCHITECTURE.md): a listed name covers itself and every name below it, never a name
 * that merely ends with the same letters. The categories of a name are the union over the name and
 * each parent suffix, less the categories that a list exception ({@code @@}, {@code rpz-passthru})
 * punches for that name.
 */
public interface DomainIndex {

    /**
     * Looks a normalised name up (lower case, no trailing dot, A-label IDN form). Never null;
     * {@link IndexMatch#NONE} when nothing covers it. Allocation-free on a miss.
     */
    IndexMatch lookup(String name);

    /** The categories covering {@code name}, without saying which listed name matched. */
    default CategorySet categories(String name) {
        return lookup(name).categories();
    }

    /** How many listed names (blocks and exceptions) the index holds. */
    long size();

    /** An index that matches nothing: the state before any list loaded. */
    DomainIndex EMPTY = new DomainIndex() {
        @Override
        public IndexMatch lookup(String name) {
            return IndexMatch.NONE;
        }

        @Override
        public long size() {
            return 0;
        }
    };
}
