package org.hearth.blocklists.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.format.ListRule;

/**
 * Collects rules from any number of lists into hash → {@link RuleCombo} form, ready for
 * {@link IndexFile#write}. Not thread-safe; one builder per compile.
 */
public final class IndexBuilder {

    /** Palette ids are stored in 16 bits; real lists produce a few hundred combinations. */
    public static final int MAX_PALETTE = 1 << 16;

    private final LongIntMap ids;
    private final List<RuleCombo> palette = new ArrayList<>();
    private final Map<RuleCombo, Integer> paletteIds = new HashMap<>();
    /** Memo of (old id, rule kind, bit) → new id, so the common case allocates nothing. */
    private final Map<Long, Integer> transitions = new HashMap<>();

    public IndexBuilder(int expectedNames) {
        ids = new LongIntMap(expectedNames);
        intern(RuleCombo.NONE);
    }

    public void add(ListRule rule, Category category) {
        add(DomainHash.of(rule.name()), rule.exception(), rule.scope(), category.bit());
    }

    void add(long hash, boolean exception, ListRule.Scope scope, int bit) {
        int old = ids.get(hash);
        if (old < 0) {
            old = 0;
        }
        long kind = (exception ? 1 : 0) | (long) scope.ordinal() << 1;
        long memoKey = (long) old << 16 | kind << 8 | bit;
        Integer next = transitions.get(memoKey);
        if (next == null) {
            RuleCombo combo = palette.get(old).with(exception, scope.coversSelf(), scope.coversBelow(), 1L << bit);
            next = intern(combo);
            transitions.put(memoKey, next);
        }
        ids.put(hash, next);
    }

    /** Distinct listed names so far (a name in several lists counts once). */
    public int size() {
        return ids.size();
    }

    List<RuleCombo> palette() {
        return palette;
    }

    LongIntMap entries() {
        return ids;
    }

    private int intern(RuleCombo combo) {
        Integer id = paletteIds.get(combo);
        if (id != null) {
            return id;
        }
        if (palette.size() >= MAX_PALETTE) {
            throw new IllegalStateException("more than " + MAX_PALETTE + " distinct category combinations");
        }
        palette.add(combo);
        paletteIds.put(combo, palette.size() - 1);
        return palette.size() - 1;
    }
}
