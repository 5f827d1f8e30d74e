package org.hearth.gateway.policy;

import java.util.HashMap;
import java.util.Map;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.CategorySet;
import org.hearth.blocklists.DomainIndex;
import org.hearth.blocklists.IndexMatch;

/** A tiny in-memory DomainIndex for tests, with the index's matching rule (name and every parent). */
final class MapDomainIndex implements DomainIndex {

    private final Map<String, CategorySet> entries = new HashMap<>();
    private final CategoryCatalog catalog;

    MapDomainIndex(CategoryCatalog catalog) {
        this.catalog = catalog;
    }

    MapDomainIndex() {
        this(CategoryCatalog.builtIn());
    }

    MapDomainIndex add(String domain, String... categories) {
        CategorySet set = entries.getOrDefault(domain, CategorySet.EMPTY);
        for (String c : categories) {
            set = set.union(CategorySet.of(catalog.byId(c).orElseThrow()));
        }
        entries.put(domain, set);
        return this;
    }

    @Override
    public IndexMatch lookup(String name) {
        CategorySet all = CategorySet.EMPTY;
        String first = null;
        for (String n = name; n != null; n = DomainNames.parent(n)) {
            CategorySet s = entries.get(n);
            if (s != null) {
                all = all.union(s);
                first = first == null ? n : first;
            }
        }
        return first == null ? IndexMatch.NONE : new IndexMatch(first, all);
    }

    @Override
    public long size() {
        return entries.size();
    }
}
