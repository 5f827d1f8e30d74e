package org.hearth.blocklists.format;

/**
 * One rule read from a list: a normalised name, whether it blocks or punches a hole (an exception),
 * and which names it covers.
 */
public record ListRule(String name, boolean exception, Scope scope) {

    /** Which names a rule covers, relative to its own name. */
    public enum Scope {
        /** The name and every name below it: the normal meaning of a listed name. */
        NAME_AND_BELOW,
        /** Only names strictly below it: {@code *.example.com}, {@code .example.com^}. */
        BELOW_ONLY,
        /** Only the name itself: AdBlock {@code |example.com^}. */
        NAME_ONLY;

        public boolean coversSelf() {
            return this != BELOW_ONLY;
        }

        public boolean coversBelow() {
            return this != NAME_ONLY;
        }
    }

    public static ListRule block(String name) {
        return new ListRule(name, false, Scope.NAME_AND_BELOW);
    }
}
