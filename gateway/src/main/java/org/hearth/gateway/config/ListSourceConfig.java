package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code lists:}: a named list source tagged with one category.
 *
 * @param source a path (relative to the config file's folder) or an http(s) URL
 */
public record ListSourceConfig(
        @JsonProperty("name") String name,
        @JsonProperty("category") String category,
        @JsonProperty("source") String source) {}
