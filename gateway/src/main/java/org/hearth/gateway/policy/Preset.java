package org.hearth.gateway.policy;

import java.util.List;
import java.util.Optional;

/**
 * The built-in starting points a parent or teacher picks without reading anything. Why each blocks
 * what it blocks is written down in gateway/POLICY.md; keep the two in step. The dns-bypass and
 * proxy-vpn categories are not listed here: bypass protection adds them, so turning it off removes them.
 */
public enum Preset {
    YOUNG_CHILD("young-child", List.of("adult", "gambling", "drugs", "violence", "weapons", "hate",
            "self-harm", "dating", "chat", "social", "malware", "phishing",
            "scam", "piracy", "crypto-mining"), true, YouTubeMode.STRICT, true),
    CHILD("child", List.of("adult", "gambling", "drugs", "violence", "weapons", "hate", "self-harm",
            "dating", "chat", "social", "malware", "phishing", "scam", "piracy",
            "crypto-mining"), true, YouTubeMode.MODERATE, true),
    TEEN("teen", List.of("adult", "gambling", "drugs", "weapons", "hate", "self-harm", "dating",
            "malware", "phishing", "scam", "piracy", "crypto-mining"),
            true, YouTubeMode.MODERATE, true),
    ADULT("adult", List.of("malware", "phishing"), false, YouTubeMode.OFF, false),
    GUEST("guest", List.of("adult", "malware", "phishing", "scam", "piracy", "crypto-mining"),
            false, YouTubeMode.OFF, true),
    SCHOOL_LAB("school-lab", List.of("adult", "gambling", "drugs", "violence", "weapons", "hate",
            "self-harm", "dating", "chat", "social", "games", "streaming",
            "malware", "phishing", "scam", "piracy", "crypto-mining", "ads-trackers"),
            true, YouTubeMode.STRICT, true);

    private final String key;
    private final List<String> blocks;
    private final boolean safeSearch;
    private final YouTubeMode youtube;
    private final boolean bypassProtection;

    Preset(String key, List<String> blocks, boolean safeSearch, YouTubeMode youtube, boolean bypassProtection) {
        this.key = key;
        this.blocks = blocks;
        this.safeSearch = safeSearch;
        this.youtube = youtube;
        this.bypassProtection = bypassProtection;
    }

    public String key() {
        return key;
    }

    /** Built-in category ids this preset blocks. */
    public List<String> blocks() {
        return blocks;
    }

    public boolean safeSearch() {
        return safeSearch;
    }

    public YouTubeMode youtube() {
        return youtube;
    }

    public boolean bypassProtection() {
        return bypassProtection;
    }

    public static Optional<Preset> byKey(String key) {
        for (Preset p : values()) {
            if (p.key.equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
