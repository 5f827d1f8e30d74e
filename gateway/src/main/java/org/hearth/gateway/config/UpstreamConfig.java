package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The {@code upstream:} section: how the servers in {@code upstreams:} are asked.
 *
 * @param timeout how long one attempt at one upstream may take before the next is tried
 * @param deadline how long a client waits in all before it gets SERVFAIL (or a stale answer)
 * @param probeInterval how often an upstream marked down is tried again
 * @param maxInFlight questions waiting on the upstreams at once; one more fails at once (a stale
 *     answer or SERVFAIL) instead of holding another socket and more memory
 */
public record UpstreamConfig(
        @JsonProperty("timeout") Duration timeout,
        @JsonProperty("deadline") Duration deadline,
        @JsonProperty("probeInterval") Duration probeInterval,
        @JsonProperty("maxInFlight") Integer maxInFlight) {

    public UpstreamConfig {
        timeout = timeout == null ? Duration.ofMillis(800) : timeout;
        deadline = deadline == null ? Duration.ofMillis(2500) : deadline;
        probeInterval = probeInterval == null ? Duration.ofSeconds(10) : probeInterval;
        // A busy school forwards perhaps a hundred questions a second: with upstreams at their
        // slowest (every one taking the whole deadline) that is 250 waiting. Each holds a socket,
        // so a flood of unique names to a dead upstream stops here, not at the box's file limit.
        maxInFlight = maxInFlight == null ? 2048 : maxInFlight;
    }

    /** With the default maxInFlight. */
    public UpstreamConfig(Duration timeout, Duration deadline, Duration probeInterval) {
        this(timeout, deadline, probeInterval, null);
    }
}
