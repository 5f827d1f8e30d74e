package org.hearth.gateway.config;

import java.util.Objects;

/**
 * One thing wrong with a config, before it is placed on a line.
 *
 * @param path the key path, as described on {@link ConfigCheck} ("" for the whole file)
 * @param message what is wrong, quoting the value: {@code "x:99999" is not host:port (port 0-65535)}
 */
public record ConfigProblem(String path, String message) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
