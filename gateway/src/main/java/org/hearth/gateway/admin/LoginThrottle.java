package org.hearth.gateway.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Bounds password guessing: after {@code maxFailures} wrong passwords from one client within
 * {@code window} of each other, that client may not try again until {@code window} after its last
 * failure. A client is an IPv4 address or an IPv6 /64, since one device can pick any address in
 * its /64 at will.
 */
public final class LoginThrottle {

    /** Far more distinct guessers than a home or school network has; an attacker cannot evict entries cheaply. */
    private static final int MAX_CLIENTS = 10_000;

    private final Cache<String, Failures> failures;
    private final int maxFailures;
    private final Duration window;
    private final Ticker ticker;

    private record Failures(int count, long lastNanos) {}

    public LoginThrottle(int maxFailures, Duration window, Ticker ticker) {
        this.failures = Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterWrite(window).ticker(ticker)
                .executor(Runnable::run).build();
        this.maxFailures = maxFailures;
        this.window = window;
        this.ticker = ticker;
    }

    /** How long {@code client} must wait before its next attempt, or empty when it may try now. */
    public Optional<Duration> waitFor(InetAddress client) {
        Failures seen = failures.getIfPresent(key(client));
        if (seen == null || seen.count() < maxFailures) {
            return Optional.empty();
        }
        long left = window.toNanos() - (ticker.read() - seen.lastNanos());
        return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
    }

    public void failed(InetAddress client) {
        long now = ticker.read();
        failures.asMap().merge(key(client), new Failures(1, now),
                (old, one) -> new Failures(old.count() + 1, now));
    }

    /** A right password clears the client's count, so a parent's earlier typos do not add up. */
    public void succeeded(InetAddress client) {
        failures.invalidate(key(client));
    }

    static String key(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (client instanceof Inet6Address) {
            bytes = Arrays.copyOf(bytes, 8);
        }
        return Arrays.toString(bytes);
    }
}
