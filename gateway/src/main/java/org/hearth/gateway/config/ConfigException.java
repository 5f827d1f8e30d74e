package org.hearth.gateway.config;

import java.util.List;

/**
 * A config that cannot be used. Each problem is one line naming the file, the line, the key and
 * what is wrong ({@code hearth.yml:12: dns.listen[0]: "x:99999" is not host:port}), so start-up
 * can print them all without a stack trace.
 */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
