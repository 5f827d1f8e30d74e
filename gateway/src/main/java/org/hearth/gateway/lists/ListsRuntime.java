package org.hearth.gateway.lists;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.blocklists.DomainIndex;
import org.hearth.blocklists.DomainIndexHolder;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.blocklists.source.ListCompiler;
import org.hearth.blocklists.source.ListRefresher;
import org.hearth.blocklists.source.ListSource;
import org.hearth.blocklists.source.SourceFetcher;
import org.hearth.blocklists.source.SourceState;
import org.hearth.blocklists.source.SourceStatus;
import org.hearth.gateway.background.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lists side of {@code serve}: puts an index in force at start without waiting for a build,
 * then keeps it fresh.
 *
 * <p>Start-up: a compiled index that is newer than its sources and the config, and was built from
 * the same sources, is mapped and published at once (milliseconds). Otherwise the last index file,
 * if intact, serves meanwhile (else {@link DomainIndex#EMPTY}), and a build runs in the background
 * on the refresh thread from what is on disk, with the bundled starter lists standing in for
 * configured categories that have nothing yet; then remote sources are downloaded and the index
 * rebuilt if any changed. DNS answers from the first second; blocking reaches full strength when
 * the downloads complete.
 *
 * <p>An edited {@code lists:} section or refresh interval takes effect without a restart
 * ({@link #reconfigure}): the new sources are fetched and compiled on the refresh thread while the
 * last good index goes on serving, and it is replaced only once the new one is built and opened.
 * Every build, download and schedule change runs on that one thread, so they never overlap.
 */
public final class ListsRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListsRuntime.class);
    /** Lists change daily at most; jitter spreads many boxes over an hour. */
    public static final Duration REFRESH_INTERVAL = Duration.ofHours(24);
    public static final Duration REFRESH_JITTER = Duration.ofHours(1);
    /** Within the gateway's stop budget: SIGTERM must end the process in seconds. */
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(3);

    private final DomainIndexHolder holder;
    private final ScheduledExecutorService executor;
    private final SourceFetcher fetcher;
    private final Clock clock;
    private final Random random = new Random();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    // Written on the refresh thread only (reconfigure swaps them once the new index is built);
    // volatile for the admin and DNS threads that read statuses().
    private volatile ConfiguredLists lists;
    private volatile ListRefresher refresher;
    private volatile Duration interval;
    private volatile Duration jitter;
    private ScheduledFuture<?> nextRefresh; // refresh thread only
    private ConfiguredLists requested; // reconfigure's, under its lock
    private Duration requestedInterval;

    private ListsRuntime(ConfiguredLists lists, DomainIndexHolder holder, ScheduledExecutorService executor,
            SourceFetcher fetcher, Clock clock, Duration interval, Duration jitter) {
        this.lists = lists;
        this.holder = holder;
        this.executor = executor;
        this.fetcher = fetcher;
        this.clock = clock;
        this.interval = interval;
        this.jitter = jitter;
        this.refresher = refresherFor(lists);
        this.requested = lists;
        this.requestedInterval = interval;
    }

    private ListRefresher refresherFor(ConfiguredLists configured) {
        return new ListRefresher(configured.sources(), configured.store(), fetcher,
                new ListCompiler(configured.store(), clock), holder).withStarterFallbacks(configured.catalog())
                .afterEachBuild(ListsRuntime::releaseBuildMemory);
    }

    /**
     * A build of a large list fills the heap with garbage (the names read, sorted and encoded) that
     * a young collection never fully clears, and the collectors keep the heap's size where it peaked
     * until a full collection. One full collection here, once per build (at start and at each daily
     * refresh; 16 to 22 ms with the Pi package's flags on the build box), lets the JVM return the
     * space: with the union of the shared lists (1.8 million names), a cold start's resident memory
     * once blocking 121 to 122 MiB without it, 112 MiB with it (PERF.md).
     */
    private static void releaseBuildMemory() {
        System.gc();
    }

    /** Publishes the best index available now and starts the background build and refresh. */
    public static ListsRuntime start(ConfiguredLists lists, Clock clock, Duration interval, Duration jitter)
            throws IOException {
        List<ListSource> buildSources;
        try {
            buildSources = lists.buildSources();
        } catch (IOException e) {
            // A data folder that cannot be written (a card remounted read-only) must not stop DNS:
            // build from the configured sources alone, and every later build tries again.
            LOG.error("lists: cannot put the starter lists in the data folder ({}); building without them", e.toString());
            buildSources = lists.sources();
        }
        ListCompiler compiler = new ListCompiler(lists.store(), clock);
        DomainIndexHolder holder = new DomainIndexHolder(DomainIndex.EMPTY);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                BackgroundThreads.named("hearth-lists"));
        ListsRuntime runtime = new ListsRuntime(lists, holder, executor,
                new SourceFetcher(clock, SourceFetcher.Limits.DEFAULT), clock, interval, jitter);
        ListRefresher refresher = runtime.refresher;

        Optional<MappedDomainIndex> fresh = compiler.openIfFresh(buildSources, lists.configFile());
        if (fresh.isPresent()) {
            holder.publish(fresh.get());
            refresher.statuses(ListCompiler.meta(fresh.get()).sources());
            runtime.ready.complete(null);
            LOG.info("lists: reusing {} ({} names)", lists.store().indexFile(), fresh.get().size());
            if (dueNow(lists, clock, interval)) {
                executor.execute(runtime::refreshQuietly);
            }
        } else {
            runtime.publishPrevious();
            // Build from what is on disk first (seconds, even offline), then download and rebuild if
            // anything changed: an offline box must not wait for every download to time out.
            // rebuild() reports any failure itself (an Error included) and keeps the index in force,
            // so ready completes and the downloads still run.
            executor.execute(() -> {
                refresher.rebuild();
                runtime.ready.complete(null);
                runtime.refreshQuietly();
            });
        }
        executor.execute(runtime::scheduleNext);
        return runtime;
    }

    /** Uses the defaults: a refresh every 24 hours plus up to an hour of jitter. */
    public static ListsRuntime start(ConfiguredLists lists) throws IOException {
        return start(lists, Clock.systemUTC(), REFRESH_INTERVAL, REFRESH_JITTER);
    }

    /** Refreshes every {@code interval} plus {@link #jitterFor} it (the {@code listsRefresh} key). */
    public static ListsRuntime start(ConfiguredLists lists, Duration interval) throws IOException {
        return start(lists, Clock.systemUTC(), interval, jitterFor(interval));
    }

    /**
     * The random delay added to each refresh: a tenth of the interval, at most an hour, so a short
     * interval (a test, a soak) stays near what was asked and 24 hours spreads boxes over an hour.
     */
    public static Duration jitterFor(Duration interval) {
        Duration tenth = interval.dividedBy(10);
        return tenth.compareTo(REFRESH_JITTER) > 0 ? REFRESH_JITTER : tenth;
    }

    /**
     * Puts an edited {@code lists:} section and refresh interval in force without a restart. Nothing
     * is done (and the future completes at once with true) when neither changed. Otherwise, on the
     * refresh thread: the new sources are downloaded where remote and compiled; the index in force
     * stays until the new one is built and opened, and stays for good if that fails (the statuses
     * say why, and the next refresh tries the new sources again). The refresh schedule restarts
     * from now with the new interval.
     *
     * @return completes with true once the new index is in force, false if its build failed
     */
    public synchronized CompletableFuture<Boolean> reconfigure(ConfiguredLists next, Duration nextInterval) {
        // Against the last asked for, not the one in force: going back to the lists in force while
        // others are still building must queue a build of them, or the others would win.
        boolean sameLists = next.sources().equals(requested.sources())
                && next.catalog().all().equals(requested.catalog().all());
        if (sameLists && nextInterval.equals(requestedInterval)) {
            return CompletableFuture.completedFuture(true);
        }
        requested = next;
        requestedInterval = nextInterval;
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    boolean inForce = true;
                    if (!sameLists) {
                        ListRefresher replacement = refresherFor(next);
                        replacement.statuses(refresher.statuses());
                        ListRefresher.Result result = replacement.refresh(true);
                        inForce = result.rebuilt();
                        // Swapped even after a failed build: the config asks for these sources now,
                        // and the scheduled refresh must retry them, not the old ones.
                        refresher = replacement;
                        lists = next;
                        LOG.info("lists: {} sources configured, {} downloaded, {} failed; {}", next.sources().size(),
                                result.updated(), result.failed(), inForce ? "the new index is in force"
                                        : "the last good index stays in force");
                    }
                    if (!nextInterval.equals(interval)) {
                        interval = nextInterval;
                        jitter = jitterFor(nextInterval);
                        LOG.info("lists: refreshing every {} from now on", nextInterval);
                    }
                    scheduleNext();
                    done.complete(inForce);
                } catch (Throwable e) { // an Error too: the refresh thread must survive
                    LOG.error("lists: applying the edited lists failed; the index in force stays", e);
                    done.complete(false);
                }
            });
        } catch (RejectedExecutionException e) {
            done.complete(false); // closing: the next start reads the config anyway
        }
        return done;
    }

    /** The lists in force: the last ones {@link #reconfigure} put in place, else the ones started with. */
    public ConfiguredLists configured() {
        return lists;
    }

    /** The refresh interval in force. */
    public Duration refreshInterval() {
        return interval;
    }

    /** The holder the policy reads the index from. */
    public DomainIndexHolder holder() {
        return holder;
    }

    /**
     * Completes when the first build from disk has ended (at once when a fresh index was reused): in
     * force, or failed, reported at ERROR and in {@link #statuses}, with the previous index serving.
     */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Per-source entries, last success and last error, as of the last build. */
    public List<SourceStatus> statuses() {
        return refresher.statuses();
    }

    /** Fetches and rebuilds now, off the caller's thread (for an admin "refresh" button). */
    public CompletableFuture<ListRefresher.Result> refreshNow() {
        return CompletableFuture.supplyAsync(() -> refresher.refresh(false), executor);
    }

    /**
     * Stops the refresh thread and waits (bounded) for a build or download in progress to notice, so
     * nothing writes into the data folder after close returns.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("lists: the refresh thread did not stop within {}; leaving it (daemon)", CLOSE_WITHIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publishPrevious() {
        if (!java.nio.file.Files.exists(lists.store().indexFile())) {
            return;
        }
        try {
            MappedDomainIndex previous = MappedDomainIndex.open(lists.store().indexFile());
            holder.publish(previous);
            LOG.info("lists: serving the previous index ({} names) while rebuilding", previous.size());
        } catch (IOException e) {
            LOG.warn("lists: {}; serving without an index until the rebuild completes", e.getMessage());
        }
    }

    /** (Re)arms the one scheduled refresh: interval plus a fresh random jitter. Refresh thread only. */
    private void scheduleNext() {
        if (nextRefresh != null) {
            nextRefresh.cancel(false);
        }
        long jitterMillis = jitter.toMillis() <= 0 ? 0 : (long) (random.nextDouble() * jitter.toMillis());
        try {
            nextRefresh = executor.schedule(() -> {
                refreshQuietly();
                scheduleNext();
            }, interval.toMillis() + jitterMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: no further refreshes, by design
        }
    }

    private void refreshQuietly() {
        try {
            refresher.refresh(false);
        } catch (Throwable e) { // an Error too: the refresh thread must survive to try again
            LOG.error("lists: refresh failed", e);
        }
    }

    /** True if some remote source has never downloaded or its last attempt is older than the interval. */
    private static boolean dueNow(ConfiguredLists lists, Clock clock, Duration interval) {
        Instant now = clock.instant();
        for (ListSource s : lists.sources()) {
            if (!s.remote()) {
                continue;
            }
            SourceState state = lists.store().state(s);
            if (state.lastAttempt() == null || state.lastAttempt().plus(interval).isBefore(now)) {
                return true;
            }
        }
        return false;
    }
}
