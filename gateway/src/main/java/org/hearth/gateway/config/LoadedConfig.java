package org.hearth.gateway.config;

import java.nio.file.Path;
import org.hearth.blocklists.CategoryCatalog;

/**
 * A validated config and the file it came from. Relative paths in the config (list sources, the
 * data folder) resolve against the file's folder, never the working directory.
 */
public record LoadedConfig(HearthConfig config, Path file) {

    public LoadedConfig {
        file = file.toAbsolutePath().normalize();
    }

    /** Resolves a path written in the config against the config file's folder. */
    public Path resolve(String path) {
        return file.getParent().resolve(path).normalize();
    }

    /** The data folder (hearth.db, lists/, compiled index). */
    public Path dataDir() {
        return resolve(config.dataDir());
    }

    /** The built-in categories plus those declared under {@code categories:}. */
    public CategoryCatalog categories() {
        return CategoryCatalog.withCustom(config.categories());
    }
}
