package org.hearth.blocklists.source;

import java.util.List;

/**
 * The catalog of recommended public lists per category, with their licences
 * ({@code default-sources.tsv}); the setup wizard and docs offer them, the config decides.
 */
public final class DefaultSources {

    private static final String RESOURCE = "/org/hearth/blocklists/default-sources.tsv";

    private DefaultSources() {}

    public static List<CatalogEntry> all() {
        return CatalogFile.rows(RESOURCE, 5).stream()
                .map(f -> new CatalogEntry(f[0], f[1], f[2], f[3], f[4]))
                .toList();
    }
}
