package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code devices:}: matched by IP, CIDR or MAC ("192.168.1.23", "10.1.2.0/24",
 * "aa:bb:cc:dd:ee:ff"). A whole school lab is one CIDR entry.
 */
public record DeviceConfig(
        @JsonProperty("name") String name,
        @JsonProperty("match") List<String> match,
        @JsonProperty("profile") String profile) {

    public DeviceConfig {
        match = match == null ? List.of() : List.copyOf(match);
    }
}
