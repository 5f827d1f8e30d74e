package org.hearth.blocklists.source;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearth.blocklists.DomainIndexHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in force up to date: downloads the remote sources on a schedule (with jitter, so
 * a street full of boxes does not hit a list host at the same second), rebuilds beside the old
 * index when something changed, and publishes the new one only once it is built and opened.
 */
public final class ListRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(ListRefresher.class);

    private final List<ListSource> sources;
    private final SourceStore store;
    private final SourceFetcher fetcher;
    private final Compile compiler;
    private final DomainIndexHolder holder;
    private volatile List<SourceStatus> statuses = List.of();
    private org.hearth.blocklists.CategoryCatalog starterCatalog;
    private Runnable afterBuild = () -> { };

    public ListRefresher(List<ListSource> sources, SourceStore store, SourceFetcher fetcher, ListCompiler compiler,
            DomainIndexHolder holder) {
        this(sources, store, fetcher, compiler::compile, holder);
    }

    /** The compile step as a function, so a test can make it fail the way only a full heap does. */
    interface Compile {
        ListCompiler.Result compile(List<ListSource> sources) throws IOException;
    }

    ListRefresher(List<ListSource> sources, SourceStore store, SourceFetcher fetcher, Compile compiler,
            DomainIndexHolder holder) {
        this.sources = List.copyOf(sources);
        this.store = store;
        this.fetcher = fetcher;
        this.compiler = compiler;
        this.holder = holder;
    }

    /**
     * Builds with the bundled starter lists standing in for configured categories that have no
     * data yet ({@link StarterSet#withFallbacks}).
     */
    public ListRefresher withStarterFallbacks(org.hearth.blocklists.CategoryCatalog catalog) {
        this.starterCatalog = catalog;
        return this;
    }

    /**
     * Runs {@code step} after each successful build, before the new index is published: a daemon
     * hands the build's memory back to the system there (the gateway's {@code ListsRuntime}).
     */
    public ListRefresher afterEachBuild(Runnable step) {
        this.afterBuild = step;
        return this;
    }

    /** What one refresh did. */
    public record Result(int updated, int failed, boolean rebuilt) {}

    /**
     * Fetches every remote source, then rebuilds and publishes if any changed or {@code force}.
     * Blocking: call it off the event loops.
     */
    public synchronized Result refresh(boolean force) {
        int updated = 0;
        int failed = 0;
        for (ListSource source : sources) {
            if (!source.remote()) {
                continue;
            }
            SourceFetcher.Outcome outcome = fetcher.fetch(source, store);
            switch (outcome.kind()) {
                case UPDATED -> updated++;
                case FAILED -> {
                    failed++;
                    LOG.warn("{}; keeping the last good copy", outcome.error());
                    noteFailure(source, outcome.error());
                }
                case NOT_MODIFIED -> { }
            }
        }
        boolean rebuilt = (force || updated > 0) && rebuild();
        return new Result(updated, failed, rebuilt);
    }

    /**
     * Compiles what is on disk now (local files, last good downloads, starter stand-ins) without
     * downloading, and publishes it. False, with the previous index still in force and the error in
     * every source's status, if that fails in any way: an {@link Error} too (a full heap, a missing
     * class), because this runs on the refresh thread, and a build that dies there unnoticed leaves
     * the network filtered by a stale index, or not at all on a first start.
     */
    public synchronized boolean rebuild() {
        List<ListSource> build = sources;
        try {
            build = starterCatalog == null ? sources : StarterSet.withFallbacks(sources, store, starterCatalog);
            ListCompiler.Result result = compiler.compile(build);
            afterBuild.run();
            holder.publish(result.index());
            statuses = result.sources();
            LOG.info("lists: index rebuilt with {} names from {} sources in {} ms", result.index().size(),
                    build.size(), result.buildMillis());
            return true;
        } catch (Throwable e) { // see above; the failed build's memory is garbage by now
            String error = "index build failed: " + e;
            statuses = failed(build, error);
            long inForce = holder.current().size();
            LOG.error("lists: {}; {}", error, inForce > 0
                    ? "the previous index (" + inForce + " names) stays in force"
                    : "NO INDEX IS IN FORCE: every name resolves unfiltered until a build succeeds");
            return false;
        }
    }

    /** The last statuses with {@code error} recorded on each source (one row per source if none yet). */
    private List<SourceStatus> failed(List<ListSource> build, String error) {
        List<SourceStatus> previous = statuses;
        if (previous.isEmpty()) {
            return build.stream().map(s -> new SourceStatus(s.name(), s.category().id(), s.location(), 0,
                    null, error, null)).toList();
        }
        return previous.stream().map(s -> new SourceStatus(s.name(), s.category(), s.location(), s.entries(),
                s.lastSuccess(), error, s.report())).toList();
    }

    /**
     * Runs {@link #refresh} every {@code interval} plus a fresh random delay of up to {@code jitter}
     * each time, until the executor shuts down.
     */
    public void schedule(ScheduledExecutorService executor, Duration interval, Duration jitter, Random random) {
        long jitterMillis = jitter.toMillis() <= 0 ? 0 : (long) (random.nextDouble() * jitter.toMillis());
        try {
            executor.schedule(() -> {
                try {
                    refresh(false);
                } catch (Throwable e) { // never let the schedule die, not even on an Error
                    LOG.error("lists: refresh failed", e);
                }
                schedule(executor, interval, jitter, random);
            }, interval.toMillis() + jitterMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the executor is shutting down: no further refreshes, by design
        }
    }

    /**
     * A failed download changes no index, so no build refreshes the statuses: without this, the
     * status went on showing the last success and no error while the source kept failing.
     */
    private void noteFailure(ListSource source, String error) {
        statuses = statuses.stream()
                .map(s -> s.name().equals(source.name())
                        ? new SourceStatus(s.name(), s.category(), s.location(), s.entries(), s.lastSuccess(), error,
                                s.report())
                        : s)
                .toList();
    }

    /**
     * The status of each source as of the last build (empty before the first one), with the error
     * of any download that failed since.
     */
    public List<SourceStatus> statuses() {
        return statuses;
    }

    /** Lets a caller that built or loaded the index itself set the first statuses. */
    public void statuses(List<SourceStatus> initial) {
        this.statuses = List.copyOf(initial);
    }
}
