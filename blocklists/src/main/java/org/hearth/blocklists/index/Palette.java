package org.hearth.blocklists.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearth.blocklists.format.ListRule;

/**
 * The distinct {@link RuleCombo}s of a build, each with a 16-bit id. A rule becomes the id of its
 * own one-rule combo; two records of the same name merge by {@link #union} of their ids. Both are
 * memoised, so the common case allocates nothing. Real lists produce a few hundred combos.
 */
final class Palette {

    private final List<RuleCombo> combos = new ArrayList<>();
    private final Map<RuleCombo, Integer> ids = new HashMap<>();
    /** (rule kind, bit) → id of the one-rule combo. */
    private final Map<Integer, Integer> singles = new HashMap<>();
    /** (smaller id, larger id) → id of their union. */
    private final Map<Long, Integer> unions = new HashMap<>();

    Palette() {
        intern(RuleCombo.NONE);
    }

    int single(boolean exception, ListRule.Scope scope, int bit) {
        int key = ((exception ? 1 : 0) | scope.ordinal() << 1) << 8 | bit;
        Integer id = singles.get(key);
        if (id == null) {
            id = intern(RuleCombo.NONE.with(exception, scope.coversSelf(), scope.coversBelow(), 1L << bit));
            singles.put(key, id);
        }
        return id;
    }

    int union(int a, int b) {
        if (a == b) {
            return a;
        }
        long key = (long) Math.min(a, b) << 16 | Math.max(a, b);
        Integer id = unions.get(key);
        if (id == null) {
            RuleCombo x = combos.get(a);
            RuleCombo y = combos.get(b);
            id = intern(new RuleCombo(x.blockSelf() | y.blockSelf(), x.blockBelow() | y.blockBelow(),
                    x.exceptSelf() | y.exceptSelf(), x.exceptBelow() | y.exceptBelow()));
            unions.put(key, id);
        }
        return id;
    }

    List<RuleCombo> combos() {
        return combos;
    }

    private int intern(RuleCombo combo) {
        Integer id = ids.get(combo);
        if (id != null) {
            return id;
        }
        if (combos.size() >= IndexBuilder.MAX_PALETTE) {
            throw new IllegalStateException("more than " + IndexBuilder.MAX_PALETTE + " distinct category combinations");
        }
        combos.add(combo);
        ids.put(combo, combos.size() - 1);
        return combos.size() - 1;
    }
}
