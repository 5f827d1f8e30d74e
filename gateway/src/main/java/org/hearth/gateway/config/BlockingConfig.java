package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The {@code blocking:} section.
 *
 * @param mode zero-ip (default: 0.0.0.0 / ::), nxdomain, or blockpage (the box's own address)
 * @param ttl TTL of blocked answers; short, so an unblock takes effect at once (default 5 s)
 * @param boxName the box's DNS name, used as the SOA server name of synthesized negative answers
 */
public record BlockingConfig(
        @JsonProperty("mode") String mode,
        @JsonProperty("ttl") Duration ttl,
        @JsonProperty("boxName") String boxName) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

    @JsonCreator
    public BlockingConfig {
        mode = mode == null ? "zero-ip" : mode;
        ttl = ttl == null ? DEFAULT_TTL : ttl;
        boxName = boxName == null ? "hearth.lan" : boxName;
    }

    public BlockingConfig(String mode) {
        this(mode, null, null);
    }
}
