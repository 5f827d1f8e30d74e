package org.hearth.blocklists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hearth.blocklists.source.ListSource;

/**
 * The shared real lists ({@code shared/data/blocklists} beside the repository, as in a checkout and
 * in CI's clone, else {@code /work/shared/data/blocklists}, or {@code -Dhearth.blocklists.data})
 * as list sources, each tagged with a category from its manifest row: the built-in id where one fits,
 * else a custom id from the first word. Used by the union test and the benchmarks.
 */
public final class SharedLists {

    public static final Path DATA = locate();

    /** The property, else the first shared/data/blocklists in or above the working folder, else /work/shared. */
    private static Path locate() {
        String property = System.getProperty("hearth.blocklists.data");
        if (property != null) {
            return Path.of(property);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/blocklists");
            if (Files.exists(candidate.resolve("manifest.tsv"))) {
                return candidate;
            }
        }
        return Path.of("/work/shared/data/blocklists");
    }

    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("adult", "adult"), Map.entry("doh", "dns-bypass"), Map.entry("social", "social"),
            Map.entry("proxies", "proxy-vpn"), Map.entry("gambling", "gambling"), Map.entry("ads", "ads-trackers"),
            Map.entry("piracy", "piracy"), Map.entry("malware", "malware"), Map.entry("violence", "violence"),
            Map.entry("scam", "scam"), Map.entry("drugs", "drugs"), Map.entry("crypto-mining", "crypto-mining"),
            Map.entry("video", "streaming"), Map.entry("phishing", "phishing"), Map.entry("games", "games"),
            Map.entry("chat", "chat"), Map.entry("dating", "dating"));

    private SharedLists() {}

    public static boolean present() {
        return Files.exists(DATA.resolve("manifest.tsv"));
    }

    private record Row(String file, String category) {}

    private static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DATA.resolve("manifest.tsv")).subList(1,
                Files.readAllLines(DATA.resolve("manifest.tsv")).size())) {
            String[] f = line.split("\t");
            String first = f[1].split("[ (:/]")[0].toLowerCase(Locale.ROOT);
            if (first.equals("popular") || first.equals("metadata")) {
                continue;
            }
            rows.add(new Row(f[0], BUILT_IN.getOrDefault(first, first.replaceAll("[^a-z0-9-]", "-"))));
        }
        return rows;
    }

    public static CategoryCatalog catalog() throws IOException {
        Set<String> custom = new LinkedHashSet<>();
        for (Row r : rows()) {
            custom.add(r.category());
        }
        custom.removeAll(CategoryCatalog.BUILT_IN_IDS);
        return CategoryCatalog.withCustom(new ArrayList<>(custom));
    }

    /** Every list file of the shared data as a local source. */
    public static List<ListSource> sources() throws IOException {
        CategoryCatalog catalog = catalog();
        List<ListSource> sources = new ArrayList<>();
        for (Row r : rows()) {
            sources.add(ListSource.of(r.file(), catalog.byId(r.category()).orElseThrow(), r.file(), DATA));
        }
        return sources;
    }
}
