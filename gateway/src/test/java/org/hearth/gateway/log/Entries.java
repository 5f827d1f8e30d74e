package org.hearth.gateway.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.hearth.gateway.config.LogConfig;

/** Test entries and a clock that tests move by hand. */
final class Entries {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final Duration WAIT = Duration.ofSeconds(20);

    private Entries() {}

    static BlockedLookup blocked(Instant time, String device, String name, String... categories) {
        return new BlockedLookup(time, device, "Name of " + device, "192.168.1." + (Math.abs(device.hashCode()) % 200),
                "kids", name, 1, List.of(categories), BlockReason.LIST, "ut1-" + (categories.length > 0
                        ? categories[0] : "none"), "0.0.0.0");
    }

    static LogConfig config(boolean allowed) {
        return new LogConfig(null, null, null, allowed, null, null, Duration.ofMillis(50));
    }

    /** A clock whose time moves only when a test says so. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("tests use UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
