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
import java.util.concurrent.ScheduledExecutorService;
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
 */
public final class ListsRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListsRuntime.class);
    /** Lists change daily at most; jitter spreads many boxes over an hour. */
    public static final Duration REFRESH_INTERVAL = Duration.ofHours(24);
    public static final Duration REFRESH_JITTER = Duration.ofHours(1);
    /** Within the gateway's stop budget: SIGTERM must end the process in seconds. */
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(3);

    private final ConfiguredLists lists;
    private final DomainIndexHolder holder;
    private final ListRefresher refresher;
    private final ScheduledExecutorService executor;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    private ListsRuntime(ConfiguredLists lists, DomainIndexHolder holder, ListRefresher refresher,
            ScheduledExecutorService executor) {
        this.lists = lists;
        this.holder = holder;
        this.refresher = refresher;
        this.executor = executor;
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
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hearth-lists");
            t.setDaemon(true);
            return t;
        });
        ListRefresher refresher = new ListRefresher(lists.sources(), lists.store(),
                new SourceFetcher(clock, SourceFetcher.Limits.DEFAULT), compiler, holder)
                .withStarterFallbacks(lists.catalog());
        ListsRuntime runtime = new ListsRuntime(lists, holder, refresher, executor);

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
        refresher.schedule(executor, interval, jitter, new Random());
        return runtime;
    }

    /** Uses the defaults: a refresh every 24 hours plus up to an hour of jitter. */
    public static ListsRuntime start(ConfiguredLists lists) throws IOException {
        return start(lists, Clock.systemUTC(), REFRESH_INTERVAL, REFRESH_JITTER);
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
