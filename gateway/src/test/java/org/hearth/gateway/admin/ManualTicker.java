package org.hearth.gateway.admin;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A Caffeine ticker that moves only when a test says so. */
final class ManualTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Override
    public long read() {
        return nanos.get();
    }
}
