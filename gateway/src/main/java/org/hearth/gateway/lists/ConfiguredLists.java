package org.hearth.gateway.lists;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.source.ListSource;
import org.hearth.blocklists.source.SourceStore;
import org.hearth.blocklists.source.StarterSet;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.ListSourceConfig;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.config.ProfileConfig;

/**
 * The {@code lists:} section turned into list sources, with the category catalog they and the
 * profiles share, and the data folder's {@code lists/} store.
 */
public record ConfiguredLists(LoadedConfig config, CategoryCatalog catalog, List<ListSource> sources,
        SourceStore store) {

    private static final Pattern CATEGORY_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    public ConfiguredLists {
        sources = List.copyOf(sources);
    }

    /**
     * The catalog for a config: built-in ids, then the declared {@code categories:} in order, then
     * any other id used in {@code lists:} and the profiles' {@code block:} lists (the loader rejects
     * those, so in a running gateway the declared order alone decides). Bits follow that order; the
     * policy compiler derives its catalog in the same order, so index and policy agree on bits.
     */
    public static CategoryCatalog catalog(HearthConfig config) {
        Set<String> custom = new LinkedHashSet<>();
        for (String c : config.categories()) {
            custom.add(c.toLowerCase(Locale.ROOT));
        }
        for (ListSourceConfig l : config.lists()) {
            if (l.category() != null) {
                custom.add(l.category().toLowerCase(Locale.ROOT));
            }
        }
        for (ProfileConfig p : config.profiles().values()) {
            for (String c : p.block()) {
                custom.add(c.toLowerCase(Locale.ROOT));
            }
        }
        custom.removeAll(CategoryCatalog.BUILT_IN_IDS);
        custom.removeIf(c -> !CATEGORY_ID.matcher(c).matches());
        return CategoryCatalog.withCustom(new ArrayList<>(custom));
    }

    /** Checks every entry; all problems are reported together, each naming its key. */
    public static ConfiguredLists from(LoadedConfig loaded) throws ConfigException {
        String file = loaded.file().getFileName().toString();
        List<String> problems = new ArrayList<>();
        CategoryCatalog catalog;
        try {
            catalog = catalog(loaded.config());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(file + ": lists: " + e.getMessage()));
        }
        List<ListSource> sources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<ListSourceConfig> lists = loaded.config().lists();
        for (int i = 0; i < lists.size(); i++) {
            ListSourceConfig l = lists.get(i);
            String at = file + ": lists[" + i + "]";
            if (l == null) {
                problems.add(at + ": empty entry");
                continue;
            }
            boolean ok = true;
            if (l.name() == null || l.name().isBlank()) {
                problems.add(at + ".name: missing");
                ok = false;
            } else if (!names.add(l.name())) {
                problems.add(at + ".name: \"" + l.name() + "\" is used by another list");
                ok = false;
            }
            if (l.category() == null || !CATEGORY_ID.matcher(l.category().toLowerCase(Locale.ROOT)).matches()) {
                problems.add(at + ".category: " + (l.category() == null ? "missing"
                        : "\"" + l.category() + "\" is not a category id (lower-case letters, digits, - and _)"));
                ok = false;
            }
            if (l.source() == null || l.source().isBlank()) {
                problems.add(at + ".source: missing");
                ok = false;
            }
            if (ok) {
                try {
                    sources.add(ListSource.of(l.name(), catalog.byId(l.category()).orElseThrow(), l.source(),
                            loaded.file().getParent()));
                } catch (IllegalArgumentException e) {
                    problems.add(at + ".source: \"" + l.source() + "\" is not a path or URL: " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new ConfiguredLists(loaded, catalog, sources, SourceStore.inDataDir(loaded.dataDir()));
    }

    /** The sources a build reads: the configured ones plus starter lists standing in for missing ones. */
    public List<ListSource> buildSources() throws IOException {
        return StarterSet.withFallbacks(sources, store, catalog);
    }

    public Path configFile() {
        return config.file();
    }
}
