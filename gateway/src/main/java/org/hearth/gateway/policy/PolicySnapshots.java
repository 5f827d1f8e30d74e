package org.hearth.gateway.policy;

import java.util.Objects;

/** The policy in force. Readers never lock; a reload replaces it whole. */
public final class PolicySnapshots {

    private volatile PolicySnapshot current;

    public PolicySnapshots(PolicySnapshot initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public PolicySnapshot current() {
        return current;
    }

    /** Only given a snapshot that compiled without problems; until then the old one serves. */
    public void publish(PolicySnapshot next) {
        current = Objects.requireNonNull(next);
    }
}
