package org.hearth.gateway.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where hearth keeps its data (and, without {@code --config}, its hearth.yml): {@code --data DIR},
 * else {@code $HEARTH_DATA}, else {@code /var/lib/hearth} for root, else the XDG data home
 * ({@code $XDG_DATA_HOME/hearth} or {@code ~/.local/share/hearth}).
 */
public final class DataFolder {

    private DataFolder() {}

    /** The folder for this process: its environment, user and home. */
    public static Path choose(String option) {
        return choose(option, System.getenv(), isRoot(), Path.of(System.getProperty("user.home")));
    }

    /** The rule, with everything it depends on passed in. */
    public static Path choose(String option, Map<String, String> env, boolean root, Path home) {
        if (option != null && !option.isBlank()) {
            return Path.of(option).toAbsolutePath().normalize();
        }
        String hearthData = env.get("HEARTH_DATA");
        if (hearthData != null && !hearthData.isBlank()) {
            return Path.of(hearthData).toAbsolutePath().normalize();
        }
        if (root) {
            return Path.of("/var/lib/hearth");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "hearth").normalize();
        }
        return home.resolve(".local/share/hearth").normalize();
    }

    static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | RuntimeException e) {
            return "root".equals(System.getProperty("user.name")); // not a Unix JDK: the name is all we have
        }
    }
}
