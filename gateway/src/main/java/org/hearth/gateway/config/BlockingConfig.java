package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code blocking:} section. {@code mode} is zero-ip (default), nxdomain or blockpage. */
public record BlockingConfig(@JsonProperty("mode") String mode) {

    public BlockingConfig {
        mode = mode == null ? "zero-ip" : mode;
    }
}
