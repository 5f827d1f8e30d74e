package org.hearth.gateway.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.hearth.gateway.config.CacheConfig;
import org.hearth.gateway.query.Answer;

/**
 * Upstream responses by {@link CacheKey}, kept in wire format. A hit copies the bytes and counts the
 * TTLs down in place (offsets found once, at store time), so no hit parses a message. Each entry is
 * one array ({@link CachedResponse}), so the collector has fewer objects to copy and scan.
 *
 * <p>Entries stay in Caffeine for their lifetime plus {@code staleFor}, so an expired answer can
 * still be served when every upstream fails (RFC 8767); {@link #get} never returns one of those.
 */
public final class AnswerCache {

    /** RFC 8767 §4: stale answers carry a TTL of 30 seconds. */
    static final long STALE_TTL = 30;
    /** Shorter-lived answers are not prefetched: they are cheap to miss and often deliberate (CDNs). */
    static final Duration PREFETCH_MIN_LIFETIME = Duration.ofSeconds(10);
    /** RFC 8767 §5: after a failed refresh, serve stale without retrying for this long. */
    static final Duration STALE_REFRESH = Duration.ofSeconds(30);
    /** Bytes of answer one unit of {@code maxEntries} stands for: the classic UDP limit. */
    static final int WEIGHT_UNIT = 512;
    /** One read in this many updates the cache's recency and frequency: see {@link #read}. */
    static final int RECORD_ONE_IN = 8;
    private static final int TYPE_SOA = 6;
    private static final int TYPE_OPT = 41;
    private static final int TYPE_ANY = 255;
    private static final int NOERROR = 0;
    private static final int NXDOMAIN = 3;

    private final Cache<CacheKey, byte[]> entries;
    private final Cache<CacheKey, Boolean> recentFailures;
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
                // maxEntries counts 512-byte units, so typical answers count one each but a client
                // asking for many 64 KiB TXT answers cannot fill a 512 MiB box: the bound is on
                // bytes too (20 000 entries, the default, hold at most about 10 MiB of answers).
                .maximumWeight(config.maxEntries())
                .weigher((CacheKey key, byte[] entry) -> 1 + (CachedResponse.weighedLength(entry) - 1) / WEIGHT_UNIT)
                .ticker(ticker)
                // Maintenance on the calling thread: cheap and amortised, and no pool threads on a Pi.
                .executor(Runnable::run)
                .expireAfter(new Expiry<CacheKey, byte[]>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, byte[] entry, long currentTime) {
                        return saturatedAdd(CachedResponse.lifetimeNanos(entry), staleForNanos);
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, byte[] entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, byte[] entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
        this.recentFailures = Caffeine.newBuilder()
                .maximumSize(Math.max(1, config.maxEntries() / 4))
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfterWrite(STALE_REFRESH)
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
        byte[] entry = read(key);
        long now = ticker.read();
        if (entry == null || !CachedResponse.freshAt(entry, now)) {
            return null;
        }
        long lifetime = CachedResponse.lifetimeNanos(entry);
        long remaining = lifetime - (now - CachedResponse.storedAtNanos(entry));
        boolean refresh = lifetime >= PREFETCH_MIN_LIFETIME.toNanos() && remaining < lifetime / 10;
        return new Hit(new Answer(CachedResponse.aged(entry, now), Answer.Source.CACHE,
                CachedResponse.extendedError(entry)), refresh);
    }

    /**
     * Reads an entry, telling Caffeine of one read in {@link #RECORD_ONE_IN} at random. Each read
     * it is told of moves the entry's node in its recency order and its timer wheel: writes into
     * nodes in the old generation, whose cards every young collection must then scan. With every
     * hit recorded, that scan was most of a young pause with cached answers (gateway/PERF.md). A
     * sample keeps the frequencies that choose what to keep in proportion, as Caffeine's own read
     * buffer does when it drops reads under load: on Zipf traces the hit ratio moved by about 2
     * points, and with no read recorded it fell 5 to 7.5 (AnswerCacheTest checks the bound).
     */
    private byte[] read(CacheKey key) {
        return ThreadLocalRandom.current().nextInt(RECORD_ONE_IN) == 0
                ? entries.getIfPresent(key)
                : entries.policy().getIfPresentQuietly(key);
    }

    /** A cache hit; {@code refreshDue} asks the caller to fetch the answer again in the background. */
    record Hit(Answer answer, boolean refreshDue) {}

    /**
     * An expired answer still within {@code staleFor}, with TTL 30 and Extended DNS Error 3, for
     * when no upstream answered; null when there is none.
     */
    public Answer getStale(CacheKey key) {
        byte[] entry = entries.getIfPresent(key);
        long now = ticker.read();
        if (entry == null || staleForNanos == 0) {
            return null;
        }
        long age = now - CachedResponse.storedAtNanos(entry);
        if (age - CachedResponse.lifetimeNanos(entry) >= staleForNanos) {
            return null;
        }
        return new Answer(CachedResponse.withTtl(entry, STALE_TTL), Answer.Source.STALE,
                new Answer.ExtendedError(Answer.ExtendedError.STALE_ANSWER, "served stale: no upstream answered"));
    }

    /**
     * A stale answer straight away, without asking upstream, when asking for this key failed less
     * than {@link #STALE_REFRESH} ago (RFC 8767 §5, BIND's stale-refresh-time): while the internet
     * is down, clients get their stale answer at once instead of after every upstream's timeout.
     */
    public Answer staleAfterRecentFailure(CacheKey key) {
        return staleForNanos == 0 || recentFailures.getIfPresent(key) == null ? null : getStale(key);
    }

    /** Remembers that no upstream answered for this key, for {@link #staleAfterRecentFailure}. */
    public void upstreamFailed(CacheKey key) {
        if (staleForNanos != 0) {
            recentFailures.put(key, Boolean.TRUE);
        }
    }

    /**
     * Stores a response as {@link Answer} carries it (no OPT record). Only NOERROR and NXDOMAIN
     * responses that are not truncated are kept; negative ones only with an SOA to time them.
     * The array is not kept: the entry has its own copy with clamped TTLs.
     *
     * @return whether it was stored
     */
    public boolean put(CacheKey key, byte[] response) {
        return put(key, response, null);
    }

    /** Stores an upstream's answer with its Extended DNS Error, which hits then carry too. */
    public boolean put(CacheKey key, Answer answer) {
        return put(key, answer.message(), answer.extendedError());
    }

    private boolean put(CacheKey key, byte[] response, Answer.ExtendedError extendedError) {
        byte[] entry;
        try {
            entry = entry(key, response, extendedError);
        } catch (IllegalArgumentException e) {
            entry = null; // unreadable bytes are simply not cached; the client already has them
        }
        if (entry == null) {
            uncacheable.increment();
            return false;
        }
        entries.put(key, entry);
        // Looked up first: a failure is rare, and Caffeine's removal of an absent key still
        // allocated about 130 bytes, 3 % of a forwarded question's (JFR, the miss file).
        if (recentFailures.policy().getIfPresentQuietly(key) != null) {
            recentFailures.invalidate(key);
        }
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

    private byte[] entry(CacheKey key, byte[] response, Answer.ExtendedError extendedError) {
        WireLayout layout = WireLayout.of(response);
        boolean truncated = (response[2] & 0x02) != 0;
        int rcode = response[3] & 0x0F;
        if (truncated || (rcode != NOERROR && rcode != NXDOMAIN) || layout.size() == 0) {
            return null;
        }
        boolean negative = rcode == NXDOMAIN || !answers(layout, key.type());
        byte[] entry = CachedResponse.pack(response, layout, ticker.read(), extendedError);
        if (entry == null) {
            return null;
        }
        long lifetime = Long.MAX_VALUE;
        boolean soaSeen = false;
        for (int i = 0; i < layout.size(); i++) {
            if (layout.type(i) == TYPE_OPT) {
                return null; // the contract says stripped; an OPT here means a caller bug, not data
            }
            long ttl = clamp(WireLayout.ttl(response, layout.ttlOffset(i)), minTtl, maxTtl);
            if (negative && !soaSeen && layout.section(i) == 1 && layout.type(i) == TYPE_SOA
                    && layout.rdataLength(i) >= 22) {
                // RFC 2308 §5: the negative TTL is min(SOA TTL, SOA MINIMUM), the last RDATA field.
                long minimum = WireLayout.ttl(response, layout.rdataOffset(i) + layout.rdataLength(i) - 4);
                long soaTtl = WireLayout.ttl(response, layout.ttlOffset(i));
                ttl = clamp(Math.min(soaTtl, minimum), Math.min(minTtl, negativeMaxTtl), negativeMaxTtl);
                soaSeen = true;
            }
            CachedResponse.putTtl(entry, i, ttl);
            lifetime = Math.min(lifetime, ttl);
        }
        if ((negative && !soaSeen) || lifetime <= 0) {
            return null;
        }
        CachedResponse.putLifetime(entry, TimeUnit.SECONDS.toNanos(lifetime));
        return entry;
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
