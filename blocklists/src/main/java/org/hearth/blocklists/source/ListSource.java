package org.hearth.blocklists.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.hearth.blocklists.Category;

/**
 * One configured list: a name, the one category it is tagged with, and where it comes from — a
 * local file, or an http(s) URL that is downloaded and kept in the data folder.
 */
public record ListSource(String name, Category category, String location, Path localFile, URI url) {

    public ListSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        if ((localFile == null) == (url == null)) {
            throw new IllegalArgumentException("list " + name + ": exactly one of a file and a URL");
        }
    }

    /**
     * A source from a config value: {@code http://} and {@code https://} are URLs, anything else a
     * path, resolved against {@code baseDir} when relative.
     */
    public static ListSource of(String name, Category category, String location, Path baseDir) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new ListSource(name, category, location, null, URI.create(location));
        }
        return new ListSource(name, category, location, baseDir.resolve(location).normalize(), null);
    }

    public boolean remote() {
        return url != null;
    }

    /** A file-system-safe form of the name, for the files kept per source. */
    public String fileStem() {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }
}
