package org.hearth.blocklists.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hearth.blocklists.CategoryCatalog;

/**
 * Small lists bundled in the jar for the worst categories (adult, malware, scam, dns-bypass), so a
 * new box filters something before its first download. They stand in for a configured category only
 * while none of its configured sources has anything to offer (no download yet, file missing); a
 * category nobody configured is never blocked by them.
 */
public final class StarterSet {

    private static final String DIR = "/org/hearth/blocklists/starter/";

    private StarterSet() {}

    public static List<CatalogEntry> entries() {
        return CatalogFile.rows(DIR + "starter.tsv", 5).stream()
                .map(f -> new CatalogEntry(f[1], f[2], f[0], f[3], f[4]))
                .toList();
    }

    /** Copies the bundled lists into {@code <lists>/starter/} (once) and returns them as local sources. */
    public static List<ListSource> extract(SourceStore store, CategoryCatalog catalog) throws IOException {
        Path dir = store.dir().resolve("starter");
        Files.createDirectories(dir);
        List<ListSource> sources = new ArrayList<>();
        for (CatalogEntry e : entries()) {
            Path file = dir.resolve(e.location());
            if (!Files.exists(file)) {
                try (InputStream in = StarterSet.class.getResourceAsStream(DIR + e.location())) {
                    if (in == null) {
                        throw new IllegalStateException("missing bundled starter list " + e.location());
                    }
                    Path temp = dir.resolve(e.location() + ".tmp");
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            sources.add(ListSource.of(e.name(), catalog.byId(e.category()).orElseThrow(), file.toString(), dir));
        }
        return sources;
    }

    /**
     * The configured sources plus the starter lists of each configured category that no configured
     * source can supply yet.
     */
    public static List<ListSource> withFallbacks(List<ListSource> configured, SourceStore store,
            CategoryCatalog catalog) throws IOException {
        Set<String> wanted = new HashSet<>();
        Set<String> supplied = new HashSet<>();
        for (ListSource s : configured) {
            wanted.add(s.category().id());
            if (Files.exists(store.input(s))) {
                supplied.add(s.category().id());
            }
        }
        List<ListSource> all = new ArrayList<>(configured);
        for (ListSource starter : extract(store, catalog)) {
            String category = starter.category().id();
            if (wanted.contains(category) && !supplied.contains(category)) {
                all.add(starter);
            }
        }
        return all;
    }
}
