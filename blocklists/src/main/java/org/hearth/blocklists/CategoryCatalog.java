package org.hearth.blocklists;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The categories Hearth knows: a fixed built-in catalog with stable ids and bits, plus custom ones
 * from the config, which take the free bits above. Immutable.
 */
public final class CategoryCatalog {

    /** Built-in ids, in bit order. Append only: a bit never changes meaning. */
    public static final List<String> BUILT_IN_IDS = List.of(
            "adult", "gambling", "drugs", "violence", "weapons", "hate", "self-harm", "dating", "chat",
            "social", "games", "streaming", "proxy-vpn", "dns-bypass", "malware", "phishing", "scam",
            "ads-trackers", "piracy", "crypto-mining");

    private static final CategoryCatalog BUILT_IN = new CategoryCatalog(List.of());

    private final Map<String, Category> byId;
    private final Category[] byBit = new Category[CategorySet.MAX_CATEGORIES];

    private CategoryCatalog(List<String> customIds) {
        Map<String, Category> map = new LinkedHashMap<>();
        int bit = 0;
        for (String id : BUILT_IN_IDS) {
            map.put(id, new Category(id, bit++, true));
        }
        for (String raw : customIds) {
            String id = raw.toLowerCase(Locale.ROOT);
            if (map.containsKey(id)) {
                continue;
            }
            if (bit >= CategorySet.MAX_CATEGORIES) {
                throw new IllegalArgumentException("too many categories: at most "
                        + (CategorySet.MAX_CATEGORIES - BUILT_IN_IDS.size()) + " custom ones fit");
            }
            map.put(id, new Category(id, bit++, false));
        }
        for (Category c : map.values()) {
            byBit[c.bit()] = c;
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    public static CategoryCatalog builtIn() {
        return BUILT_IN;
    }

    /** The built-in catalog plus these custom ids (ids already built in are ignored). */
    public static CategoryCatalog withCustom(List<String> customIds) {
        return customIds.isEmpty() ? BUILT_IN : new CategoryCatalog(customIds);
    }

    public Optional<Category> byId(String id) {
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    public List<Category> all() {
        return List.copyOf(byId.values());
    }

    /** The ids in a set, in bit order. */
    public List<String> ids(CategorySet set) {
        List<String> ids = new ArrayList<>();
        long bits = set.bits();
        while (bits != 0) {
            int bit = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            Category c = byBit[bit];
            ids.add(c != null ? c.id() : "#" + bit);
        }
        return ids;
    }
}
