package org.hearth.gateway.admin;

import java.util.List;

/**
 * An edit the config's checks turned down: 400 with each problem, one line each, as the page shows
 * them under the form. Nothing was written.
 */
final class ConfigRefusal extends AdminRefusal {

    private final List<String> problems;

    ConfigRefusal(String message, List<String> problems) {
        super(400, message);
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
