package org.hearth.gateway.policy;

import java.util.Optional;

/** How a blocked name is answered. */
public enum BlockMode {
    /** 0.0.0.0 for A, :: for AAAA, an empty NOERROR answer for other types (the default). */
    ZERO_IP("zero-ip"),
    /** NXDOMAIN with an SOA, so negative caching is bounded by the block TTL. */
    NXDOMAIN("nxdomain"),
    /** The address the question came in on, where the block page is served. */
    BLOCKPAGE("blockpage");

    private final String key;

    BlockMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<BlockMode> byKey(String key) {
        for (BlockMode m : values()) {
            if (m.key.equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
