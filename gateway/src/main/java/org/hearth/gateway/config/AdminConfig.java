package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The {@code admin:} section: where the admin web UI and API listen. */
public record AdminConfig(@JsonProperty("listen") List<String> listen) {

    public AdminConfig {
        listen = listen == null ? List.of("0.0.0.0:8080") : List.copyOf(listen);
    }
}
