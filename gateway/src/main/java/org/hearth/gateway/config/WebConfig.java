package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code web:} section: the child-facing web server (block page, "why" page). Empty means
 * port 80 on every DNS listen address.
 */
public record WebConfig(@JsonProperty("listen") List<String> listen) {

    public WebConfig {
        listen = listen == null ? List.of() : List.copyOf(listen);
    }
}
