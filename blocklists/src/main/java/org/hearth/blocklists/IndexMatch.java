package org.hearth.blocklists;

/**
 * The answer of a {@link DomainIndex} lookup: the categories that cover a name, and the most
 * specific listed name that contributed (for explanations: "listed as example.com").
 */
public record IndexMatch(String matchedDomain, CategorySet categories) {

    public static final IndexMatch NONE = new IndexMatch(null, CategorySet.EMPTY);

    public boolean matched() {
        return !categories.isEmpty();
    }
}
