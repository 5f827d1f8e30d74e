package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The {@code upstream:} section: how the servers in {@code upstreams:} are asked.
 *
 * @param timeout how long one attempt at one upstream may take before the next is tried
 * @param deadline how long a client waits in all before it gets SERVFAIL (or a stale answer)
 * @param probeInterval how often an upstream marked down is tried again
 */
public record UpstreamConfig(
        @JsonProperty("timeout") Duration timeout,
        @JsonProperty("deadline") Duration deadline,
        @JsonProperty("probeInterval") Duration probeInterval) {

    public UpstreamConfig {
        timeout = timeout == null ? Duration.ofMillis(800) : timeout;
        deadline = deadline == null ? Duration.ofMillis(2500) : deadline;
        probeInterval = probeInterval == null ? Duration.ofSeconds(10) : probeInterval;
    }
}
