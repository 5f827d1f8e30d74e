package org.hearth.gateway.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.hearth.gateway.config.CacheConfig;
import org.hearth.gateway.query.Answer;

/**
 * Upstream responses by {@link CacheKey}, kept in wire format. A hit copies the bytes and counts the
 * TTLs down in place (offsets found once, at store time), so no hit parses a message.
 *
 * <p>Entries stay in Caffeine for their lifetime plus {@code staleFor}, so an expired answer can
 * still be served when every upstream fails (RFC 8767); {@link #get} never returns one of those.
 */
public final class AnswerCache {

    /** RFC 8767 §4: stale answers carry a TTL of 30 seconds. */
    static final long STALE_TTL = 30;
    /** Shorter-lived answers are not prefetched: they are cheap to miss and often deliberate (CDNs). */
    static final Duration PREFETCH_MIN_LIFETIME = Duration.ofSeconds(10);
    private static final int TYPE_SOA = 6;
    private static final int TYPE_OPT = 41;
    private static final int TYPE_ANY = 255;
    private static final int NOERROR = 0;
    private static final int NXDOMAIN = 3;

    private final Cache<CacheKey, CachedResponse> entries;
    private final Ticker ticker;
    private final long minTtl;
    private final long maxTtl;
    private final long negativeMaxTtl;
    private final long staleForNanos;
    private final LongAdder uncacheable = new LongAdder();

    public AnswerCache(CacheConfig config, Ticker ticker) {
        this.ticker = ticker;
        this.minTtl = config.minTtl().toSeconds();
        this.maxTtl = Math.max(minTtl, config.maxTtl().toSeconds());
        this.negativeMaxTtl = config.negativeMaxTtl().toSeconds();
        this.staleForNanos = config.staleFor().toNanos();
        this.entries = Caffeine.newBuilder()
                .maximumSize(config.maxEntries())
                .ticker(ticker)
                // Maintenance on the calling thread: cheap and amortised, and no pool threads on a Pi.
                .executor(Runnable::run)
                .expireAfter(new Expiry<CacheKey, CachedResponse>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, CachedResponse value, long currentTime) {
                        return saturatedAdd(value.lifetimeNanos(), staleForNanos);
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, CachedResponse value, long currentTime,
                            long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, CachedResponse value, long currentTime,
                            long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** A fresh answer with its TTLs aged, or null. */
    public Answer get(CacheKey key) {
        Hit hit = lookup(key);
        return hit == null ? null : hit.answer();
    }

    /**
     * A fresh answer, and whether it is worth refreshing now: like Unbound's prefetch, an entry
     * asked for in the last tenth of its lifetime is fetched again in the background, so popular
     * names never expire between two clients. Entries living under {@link #PREFETCH_MIN_LIFETIME}
     * are not worth the extra upstream query.
     */
    Hit lookup(CacheKey key) {
        CachedResponse entry = entries.getIfPresent(key);
        long now = ticker.read();
        if (entry == null || !entry.freshAt(now)) {
            return null;
        }
        long remaining = entry.lifetimeNanos() - (now - entry.storedAtNanos());
        boolean refresh = entry.lifetimeNanos() >= PREFETCH_MIN_LIFETIME.toNanos()
                && remaining < entry.lifetimeNanos() / 10;
        return new Hit(new Answer(entry.aged(now), Answer.Source.CACHE), refresh);
    }

    /** A cache hit; {@code refreshDue} asks the caller to fetch the answer again in the background. */
    record Hit(Answer answer, boolean refreshDue) {}

    /**
     * An expired answer still within {@code staleFor}, with TTL 30 and Extended DNS Error 3, for
     * when no upstream answered; null when there is none.
     */
    public Answer getStale(CacheKey key) {
        CachedResponse entry = entries.getIfPresent(key);
        long now = ticker.read();
        if (entry == null || staleForNanos == 0) {
            return null;
        }
        long age = now - entry.storedAtNanos();
        if (age - entry.lifetimeNanos() >= staleForNanos) {
            return null;
        }
        return new Answer(entry.withTtl(STALE_TTL), Answer.Source.STALE,
                new Answer.ExtendedError(Answer.ExtendedError.STALE_ANSWER, "served stale: no upstream answered"));
    }

    /**
     * Stores a response as {@link Answer} carries it (no OPT record). Only NOERROR and NXDOMAIN
     * responses that are not truncated are kept; negative ones only with an SOA to time them.
     * The array is not kept: the entry has its own copy with clamped TTLs.
     *
     * @return whether it was stored
     */
    public boolean put(CacheKey key, byte[] response) {
        CachedResponse entry;
        try {
            entry = entry(key, response);
        } catch (IllegalArgumentException e) {
            entry = null; // unreadable bytes are simply not cached; the client already has them
        }
        if (entry == null) {
            uncacheable.increment();
            return false;
        }
        entries.put(key, entry);
        return true;
    }

    /** Responses that were offered but not stored (errors, truncated, no SOA, zero TTL, junk). */
    public long uncacheableCount() {
        return uncacheable.sum();
    }

    public long size() {
        return entries.estimatedSize();
    }

    /** Runs pending evictions now (tests; Caffeine otherwise does it as it goes). */
    void cleanUp() {
        entries.cleanUp();
    }

    private CachedResponse entry(CacheKey key, byte[] response) {
        WireLayout layout = WireLayout.of(response);
        boolean truncated = (response[2] & 0x02) != 0;
        int rcode = response[3] & 0x0F;
        if (truncated || (rcode != NOERROR && rcode != NXDOMAIN) || layout.size() == 0) {
            return null;
        }
        boolean negative = rcode == NXDOMAIN || !answers(layout, key.type());
        byte[] wire = response.clone();
        long lifetime = Long.MAX_VALUE;
        boolean soaSeen = false;
        for (int i = 0; i < layout.size(); i++) {
            if (layout.type(i) == TYPE_OPT) {
                return null; // the contract says stripped; an OPT here means a caller bug, not data
            }
            long ttl = clamp(WireLayout.ttl(wire, layout.ttlOffset(i)), minTtl, maxTtl);
            if (negative && !soaSeen && layout.section(i) == 1 && layout.type(i) == TYPE_SOA
                    && layout.rdataLength(i) >= 22) {
                // RFC 2308 §5: the negative TTL is min(SOA TTL, SOA MINIMUM), the last RDATA field.
                long minimum = WireLayout.ttl(wire, layout.rdataOffset(i) + layout.rdataLength(i) - 4);
                long soaTtl = WireLayout.ttl(wire, layout.ttlOffset(i));
                ttl = clamp(Math.min(soaTtl, minimum), Math.min(minTtl, negativeMaxTtl), negativeMaxTtl);
                soaSeen = true;
            }
            WireLayout.putTtl(wire, layout.ttlOffset(i), ttl);
            lifetime = Math.min(lifetime, ttl);
        }
        if ((negative && !soaSeen) || lifetime <= 0) {
            return null;
        }
        return new CachedResponse(wire, layout.ttlOffsets(), ticker.read(),
                TimeUnit.SECONDS.toNanos(lifetime), negative);
    }

    /** NOERROR with a record of the asked type in the answer section; otherwise NODATA. */
    private static boolean answers(WireLayout layout, int type) {
        for (int i = 0; i < layout.answerCount(); i++) {
            if (layout.type(i) == type || type == TYPE_ANY) {
                return true;
            }
        }
        return false;
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
