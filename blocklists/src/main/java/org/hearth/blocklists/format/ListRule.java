package org.hearth.blocklists.format;

/**
 * One rule read from a list: a normalised name, whether it blocks or punches a hole (an exception),
 * which names it covers, and the line it came from (0 when not read from a file), for explanations.
 */
public record ListRule(String name, boolean exception, Scope scope, long line) {

    public ListRule(String name, boolean exception, Scope scope) {
        this(name, exception, scope, 0);
    }

    /** True if this rule applies to {@code other} (a normalised name). */
    public boolean covers(String other) {
        if (other.equals(name)) {
            return scope.coversSelf();
        }
        return scope.coversBelow() && other.length() > name.length() && other.endsWith(name)
                && other.charAt(other.length() - name.length() - 1) == '.';
    }

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
