package org.hearth.gateway.policy;

import java.util.Collection;
import java.util.Set;

/**
 * A profile's allow or deny list. A rule on example.com covers example.com and every name below it,
 * never notexample.com. Rules are normalised once, when the policy is compiled; a lookup probes the
 * name and each parent suffix in a hash set.
 */
public final class DomainRules {

    public static final DomainRules NONE = new DomainRules(Set.of());

    private final Set<String> rules;

    private DomainRules(Set<String> rules) {
        this.rules = rules;
    }

    /** Rules that are already normalised ({@link DomainNames#normalise}). */
    public static DomainRules of(Collection<String> normalised) {
        return normalised.isEmpty() ? NONE : new DomainRules(Set.copyOf(normalised));
    }

    /** The most specific rule covering {@code name} (normalised), or null. */
    public String match(String name) {
        if (rules.isEmpty()) {
            return null;
        }
        for (String n = name; n != null; n = DomainNames.parent(n)) {
            if (rules.contains(n)) {
                return n;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public Set<String> rules() {
        return rules;
    }
}
