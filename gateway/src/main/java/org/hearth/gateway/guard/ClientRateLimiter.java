package org.hearth.gateway.guard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A token bucket per client address (dns.rateLimit queries per second, dns.rateLimitBurst at once),
 * so that one device stuck in a loop, or infected, cannot take the box's whole capacity from the
 * others. Keyed by the full address, not an IPv6 /64: on a home or school LAN every device shares
 * one /64. Lock-free: each bucket is one {@link AtomicLong} updated by compare-and-set.
 */
public final class ClientRateLimiter {

    /**
     * Clients remembered at once: several times a large school's devices, a few MiB at most. A
     * bucket left alone refills; one forgotten early (more clients than this, which only spoofed
     * sources on the LAN produce) starts full again: the cost of a table that cannot grow without
     * bound on a small box.
     */
    static final int MAX_CLIENTS = 16_384;

    /** Nanoseconds one query costs: the bucket earns one query back in this time. */
    private final long interval;
    /** How far ahead of now a client may run: a full bucket is {@code burst} queries. */
    private final long tolerance;
    private final int perSecond;
    private final AccessList exempt;
    private final Ticker ticker;
    private final Cache<InetAddress, Bucket> buckets;
    private final LongAdder limited = new LongAdder();

    /** Limits every client; see {@link #ClientRateLimiter(int, int, AccessList, Ticker)}. */
    public ClientRateLimiter(int perSecond, int burst, Ticker ticker) {
        this(perSecond, burst, AccessList.of(java.util.List.of()), ticker);
    }

    /**
     * @param perSecond sustained queries per second per client; 0 turns limiting off
     * @param burst queries a client that was quiet may send at once, at least 1
     * @param exempt clients never limited (dns.rateLimitExempt): by default the box's own
     *     processes on loopback, which are no LAN device and may well be a load test
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public ClientRateLimiter(int perSecond, int burst, AccessList exempt, Ticker ticker) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("dns.rateLimit: " + perSecond + " must be 0 (off) or more");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("dns.rateLimitBurst: " + burst + " must be 1 or more");
        }
        this.perSecond = perSecond;
        this.exempt = exempt;
        this.interval = perSecond == 0 ? 0 : Math.max(1, 1_000_000_000L / perSecond);
        this.tolerance = (burst - 1) * interval;
        this.ticker = ticker;
        // Past tolerance + interval of silence the bucket is full again, so forgetting it loses nothing.
        this.buckets = Caffeine.newBuilder()
                .maximumSize(perSecond == 0 ? 0 : MAX_CLIENTS)
                .expireAfterAccess(Duration.ofNanos(tolerance + interval))
                .ticker(ticker)
                .build();
    }

    /**
     * Takes one query from the client's bucket.
     *
     * @return false when the bucket is empty: the query is over the client's rate
     */
    public boolean tryAcquire(InetAddress client) {
        if (perSecond == 0 || exempt.allows(client)) {
            return true;
        }
        long now = ticker.read();
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null) {
            // Only here a capturing lambda is allocated: a known client costs no garbage.
            bucket = buckets.get(client, c -> new Bucket(now));
        }
        // GCRA (the virtual-scheduling form of a token bucket): "due" is when the client's queries
        // so far would have been paid for at the sustained rate; it may run at most tolerance ahead.
        while (true) {
            long due = bucket.get();
            long next = Math.max(due, now) + interval;
            if (next - now > tolerance + interval) {
                limited.increment();
                return false;
            }
            if (bucket.compareAndSet(due, next)) {
                return true;
            }
        }
    }

    /**
     * True the first time a client is limited since its bucket was last forgotten, so a flood is
     * logged once, not once per query.
     */
    boolean firstLimitOf(InetAddress client) {
        Bucket bucket = buckets.getIfPresent(client);
        if (bucket == null || bucket.reported) {
            return false;
        }
        // Two threads may both get here and log twice: harmless, and cheaper than a second atomic.
        bucket.reported = true;
        return true;
    }

    /** Queries refused for being over their client's rate so far. */
    public long limited() {
        return limited.sum();
    }

    /** The configured sustained rate, for messages; 0 when limiting is off. */
    public int perSecond() {
        return perSecond;
    }

    /** Clients with a bucket now (tests; after pending expiries run). */
    long clients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** The client's "due" time in ticker nanoseconds; one object per client. */
    private static final class Bucket extends AtomicLong {
        private static final long serialVersionUID = 1L;
        volatile boolean reported;

        Bucket(long now) {
            super(now);
        }
    }
}
