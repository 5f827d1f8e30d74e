package org.hearth.blocklists;

import java.util.Objects;

/** The domain index in force. Readers never lock; a refresh replaces it whole. */
public final class DomainIndexHolder {

    private volatile DomainIndex current;

    public DomainIndexHolder(DomainIndex initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public DomainIndex current() {
        return current;
    }

    /** Only given an index that was fully built and checked; until then the old one serves. */
    public void publish(DomainIndex next) {
        current = Objects.requireNonNull(next);
    }
}
