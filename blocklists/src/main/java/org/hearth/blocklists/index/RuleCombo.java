package org.hearth.blocklists.index;

/**
 * What the rules on one listed name say, as four category masks: blocks and exceptions, each for
 * the name itself and for the names below it. Most names share one of a few hundred combinations,
 * so the index stores each combination once (the palette) and a 16-bit id per name.
 */
public record RuleCombo(long blockSelf, long blockBelow, long exceptSelf, long exceptBelow) {

    public static final RuleCombo NONE = new RuleCombo(0, 0, 0, 0);

    RuleCombo with(boolean exception, boolean self, boolean below, long bit) {
        return new RuleCombo(
                blockSelf | (!exception && self ? bit : 0),
                blockBelow | (!exception && below ? bit : 0),
                exceptSelf | (exception && self ? bit : 0),
                exceptBelow | (exception && below ? bit : 0));
    }
}
