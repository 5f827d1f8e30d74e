package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One entry of {@code profiles:} (the map key is the profile's name). */
public record ProfileConfig(
        @JsonProperty("preset") String preset,
        @JsonProperty("block") List<String> block,
        @JsonProperty("allow") List<String> allow,
        @JsonProperty("deny") List<String> deny,
        @JsonProperty("safeSearch") Boolean safeSearch) {

    public ProfileConfig {
        block = block == null ? List.of() : List.copyOf(block);
        allow = allow == null ? List.of() : List.copyOf(allow);
        deny = deny == null ? List.of() : List.copyOf(deny);
    }
}
