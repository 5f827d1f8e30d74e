package org.hearth.gateway.admin;

import java.time.Duration;

/**
 * What one HTTP client can make the admin server hold (gateway/LIMITS.md): the box serves one
 * admin with a few browser tabs, so these are small, and a client on the LAN that opens many
 * connections, or sends its request a byte at a time (slowloris), cannot keep the parent out.
 *
 * @param maxConnections open connections from everyone; past it the server stops accepting until
 *     one closes (the kernel's backlog holds the newcomers meanwhile)
 * @param maxConnectionsPerClient open connections from one address; one more is closed at once
 * @param idleTimeout a connection with nothing to read or write for this long is closed
 * @param headerTimeout a request's line and headers must all arrive within this long of its first
 *     byte (of the connection's opening, for its first request), however they trickle in: the
 *     idle timeout alone never fires for a client that sends a byte every few seconds
 * @param minRequestBytesPerSecond a request body sent slower than this is cut off (408)
 */
public record AdminHttpLimits(int maxConnections, int maxConnectionsPerClient, Duration idleTimeout,
        Duration headerTimeout, int minRequestBytesPerSecond) {

    public AdminHttpLimits {
        if (maxConnections < 1 || maxConnectionsPerClient < 1 || minRequestBytesPerSecond < 0
                || idleTimeout.isNegative() || idleTimeout.isZero() || headerTimeout.isNegative()
                || headerTimeout.isZero()) {
            throw new IllegalArgumentException("admin HTTP limits must be positive: " + this);
        }
    }

    /**
     * A browser opens up to six connections to a host; a few tabs and a phone stay far below 16
     * from one address and 64 in all. Ten seconds for a request head is an age on a LAN.
     */
    public static AdminHttpLimits defaults() {
        return new AdminHttpLimits(64, 16, Duration.ofSeconds(30), Duration.ofSeconds(10), 256);
    }
}
