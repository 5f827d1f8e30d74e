package org.hearth.gateway.log;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.hearth.gateway.config.LogConfig;

/**
 * The blocked-lookup log as the DNS path sees it: {@link #offer} never blocks and takes no lock; when
 * the bounded queue is full the entry is dropped and counted. One writer thread commits batches to
 * SQLite at least every {@code batchInterval}, and prunes in the background.
 */
public final class BlockLog implements AutoCloseable {

    /** Whether allowed lookups are logged, the queue's size: the admin page may change them while running. */
    private volatile LogConfig config;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    // The queue's length, kept apart because ConcurrentLinkedQueue.size() walks the whole queue.
    private final AtomicInteger queued = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LogWriterThread writer;
    private volatile boolean closed;

    private BlockLog(LogDatabase database, LogConfig config, Clock clock) {
        this.config = config;
        this.writer = new LogWriterThread(this, database, config, clock);
    }

    /**
     * Starts the log on a database file. Opening (and, if need be, replacing a corrupt file) happens
     * on the writer thread, so this returns at once and the DNS path can offer entries immediately.
     */
    /**
     * Puts an edited log section in force: what is logged and kept from now on (retention, the
     * allowed-lookup log, the size cap); the batch interval stays until the next start.
     */
    public void apply(LogConfig next) {
        config = next;
        writer.retention(next);
    }

    public static BlockLog start(LogDatabase database, LogConfig config, Clock clock) {
        BlockLog log = new BlockLog(database, config, clock);
        log.writer.openBeforeStart();
        log.writer.start();
        return log;
    }

    public static BlockLog start(Path file, LogConfig config, Clock clock) {
        return start(new LogDatabase(file, clock), config, clock);
    }

    /** Queues a blocked lookup; false when it was dropped because the queue is full or the log closed. */
    public boolean offer(BlockedLookup entry) {
        return enqueue(entry);
    }

    /**
     * Queues a blocked lookup that the writer thread builds: the DNS path hands over what it holds
     * (the query, the decision, the time) and the text work (the reason's line, the client's address,
     * the category filter) is done off the event loop, on the thread that already owns the disk. The
     * supplier must capture only immutable values; if it throws, the entry counts as lost.
     */
    public boolean offerDeferred(Supplier<BlockedLookup> entry) {
        return enqueue(new Deferred(entry));
    }

    /** A blocked lookup still to be built, as queued by {@link #offerDeferred}. */
    record Deferred(Supplier<BlockedLookup> entry) {}

    /**
     * Queues an allowed lookup if the admin turned {@code log.allowed} on; otherwise does nothing and
     * returns false (privacy by default: nothing is kept).
     */
    public boolean offerAllowed(AllowedLookup entry) {
        return config.allowed() && enqueue(entry);
    }

    /** Entries dropped because the queue was full. */
    public long droppedCount() {
        return dropped.sum();
    }

    public LogStats stats() {
        return new LogStats(written.sum(), dropped.sum(), lost.sum(), queued.get());
    }

    /** Waits until everything offered before this call is committed (or lost), at most {@code timeout}. */
    public void flush(Duration timeout) throws TimeoutException, InterruptedException {
        await(submit(() -> null), timeout);
    }

    /** Runs retention now (instead of at the next hourly run) and waits for it; returns rows deleted. */
    public long pruneNow(Duration timeout) throws TimeoutException, InterruptedException {
        return await(submit(writer::pruneAll), timeout);
    }

    /**
     * Deletes everything held about one device (entries, aggregates, its name) after writing what is
     * queued, so nothing offered before this call survives it. Returns rows deleted.
     */
    public long deleteDevice(String deviceId, Duration timeout) throws TimeoutException, InterruptedException {
        return await(submit(() -> writer.deleteDevice(deviceId)), timeout);
    }

    /** Stops accepting entries, writes what is queued, and closes the database. */
    @Override
    public void close() {
        closed = true;
        writer.raiseForClose();
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the writer thread's side ----

    Object poll() {
        Object entry = queue.poll();
        if (entry != null) {
            queued.decrementAndGet();
        }
        return entry;
    }

    Runnable pollTask() {
        return tasks.poll();
    }

    boolean isClosed() {
        return closed;
    }

    int queuedCount() {
        return queued.get();
    }

    void countWritten(long n) {
        written.add(n);
    }

    void countLost(long n) {
        lost.add(n);
    }

    private boolean enqueue(Object entry) {
        if (closed) {
            return false;
        }
        int size = queued.incrementAndGet();
        if (size > config.queueSize()) {
            queued.decrementAndGet();
            dropped.increment();
            return false;
        }
        queue.add(entry);
        // Wake the writer early when a burst fills half the queue, instead of waiting for its timer.
        if (size == config.queueSize() / 2) {
            LockSupport.unpark(writer);
        }
        return true;
    }

    private <T> CompletableFuture<T> submit(WriterJob<T> job) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the log is closed"));
            return result;
        }
        tasks.add(() -> {
            try {
                result.complete(job.run());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        LockSupport.unpark(writer);
        return result;
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout)
            throws TimeoutException, InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("log job failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** A job for the writer thread, which alone holds the write connection. */
    interface WriterJob<T> {
        T run() throws Exception;
    }
}
