package org.hearth.gateway.policy;

import java.util.Optional;

/** YouTube restricted mode when SafeSearch is on: which enforcement host its names point to. */
public enum YouTubeMode {
    OFF("off", null),
    MODERATE("moderate", "restrictmoderate.youtube.com"),
    STRICT("strict", "restrict.youtube.com");

    private final String key;
    private final String target;

    YouTubeMode(String key, String target) {
        this.key = key;
        this.target = target;
    }

    public String key() {
        return key;
    }

    /** The enforcement host, or null when off. */
    public String target() {
        return target;
    }

    public static Optional<YouTubeMode> byKey(String key) {
        for (YouTubeMode m : values()) {
            if (m.key.equals(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
