package org.hearth.gateway.log;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.hearth.gateway.background.BackgroundThreads;
import org.hearth.gateway.background.IdleGuard;
import org.hearth.gateway.config.LogConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that touches the log database for writing: drains the queue into batches, runs
 * jobs (flush, prune, delete a device) between batches, prunes hourly in small steps, and survives
 * every database failure: a corrupt file is moved aside, any other failure retried after a pause.
 */
final class LogWriterThread extends Thread {

    private static final Logger LOG = LoggerFactory.getLogger(LogWriterThread.class);
    private static final int MAX_BATCH = 5_000;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final BlockLog log;
    private final LogDatabase database;
    private final Clock clock;
    private final LogPruner pruner;
    private final long intervalNanos;
    private final IdleGuard guard = new IdleGuard("hearth-log-writer");
    private LogWriter writer;
    private long nextOpenAttempt = System.nanoTime();
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;
    private long lastMoveAside = System.nanoTime() - RETRY_NANOS;
    private Instant nextPrune = Instant.MIN;
    private boolean pruning;

    LogWriterThread(BlockLog log, LogDatabase database, LogConfig config, Clock clock) {
        super("hearth-log-writer");
        setDaemon(true);
        this.log = log;
        this.database = database;
        this.clock = clock;
        this.pruner = new LogPruner(config, clock);
        this.intervalNanos = config.batchInterval().toNanos();
    }

    /**
     * Opens hearth.db (the switch to WAL, the tables) on the caller's thread, before this thread
     * starts and before the gateway's other users of the file (alerts, requests, the audit trail)
     * open it on the start-up thread. Opened concurrently with them, the switch to WAL lost the race
     * with SQLITE_BUSY and the log waited 10 s to retry (seen in UnblockFlowIT once alerts stopped
     * initialising TLS first, which had hidden the race). The quick_check, which reads the whole
     * file, waits for {@link #run}. A failure here is retried by the thread.
     */
    void openBeforeStart() {
        ensureOpen(false);
    }

    /** The edited retention, for the next prune (the pruner is this thread's; the field is volatile). */
    void retention(LogConfig next) {
        pruner.retention(next);
    }

    @Override
    public void run() {
        // Normally opened already (openBeforeStart); if that failed, the loop retries every 10 s.
        // Below the event loop: on a busy core the DNS path comes first (LOG.md). That includes the
        // quick_check, which reads the whole file: a school's month of log took a third of a second
        // of a one-core box's start-up while the first questions waited. A file it finds corrupt is
        // moved aside as one found so in a write; the other users see the generation change.
        // Idle-class, not only nice 19: a nice-19 writer keeps the core for a slice once it has it,
        // and at 5000 blocked names a second (each one an entry) the questions that came meanwhile
        // waited: in the bench rig p99 1.2 to 2.4 ms at nice 19, 0.23 to 0.44 ms idle-class
        // (gateway/PERF.md). The guard raises it to nice 19 when other work starves it.
        if (!guard.enterIdle()) {
            BackgroundThreads.lowerCurrent();
        }
        checkOpened();
        while (true) {
            boolean closing = log.isClosed();
            drainAndWrite();
            runJobs();
            if (closing) {
                break;
            }
            pruneStep();
            guard.progress();
            if (!pruning && log.queuedCount() < MAX_BATCH) {
                if (log.queuedCount() == 0) {
                    guard.caughtUp();
                }
                LockSupport.parkNanos(this, intervalNanos);
            }
        }
        drainAndWrite();
        runJobs();
        closeWriter();
        guard.close();
    }

    /** Closing: the last writes must not wait for an idle core. */
    void raiseForClose() {
        guard.raiseForClose();
    }

    long pruneAll() throws SQLException {
        requireOpen();
        long deleted = pruner.pruneAll(writer.connection());
        pruning = false;
        nextPrune = clock.instant().plus(PRUNE_EVERY);
        return deleted;
    }

    long deleteDevice(String deviceId) throws SQLException {
        requireOpen();
        return DeviceData.delete(writer.connection(), deviceId);
    }

    private void drainAndWrite() {
        // Bounded: the queue never holds more than queueSize entries, so this ends.
        for (int round = 0; round < 1_000; round++) {
            List<BlockedLookup> blocked = new ArrayList<>();
            List<AllowedLookup> allowed = new ArrayList<>();
            for (Object entry = log.poll(); entry != null; entry = log.poll()) {
                if (entry instanceof BlockedLookup b) {
                    blocked.add(b);
                } else if (entry instanceof BlockLog.Deferred d) {
                    build(d, blocked);
                } else {
                    allowed.add((AllowedLookup) entry);
                }
                if (blocked.size() + allowed.size() >= MAX_BATCH) {
                    break;
                }
            }
            if (blocked.isEmpty() && allowed.isEmpty()) {
                return;
            }
            write(blocked, allowed);
        }
    }

    private void build(BlockLog.Deferred deferred, List<BlockedLookup> blocked) {
        try {
            blocked.add(deferred.entry().get());
        } catch (RuntimeException e) {
            // The DNS path answered already; losing one entry must not cost the batch.
            log.countLost(1);
            LOG.warn("could not build a blocked-lookup entry; it is lost", e);
        }
    }

    private void write(List<BlockedLookup> blocked, List<AllowedLookup> allowed) {
        int count = blocked.size() + allowed.size();
        if (!ensureOpen()) {
            log.countLost(count);
            return;
        }
        try {
            writer.write(blocked, allowed);
            log.countWritten(count);
        } catch (SQLException | RuntimeException e) {
            log.countLost(count);
            failed("write " + count + " entries", e);
        }
    }

    private void runJobs() {
        for (Runnable job = log.pollTask(); job != null; job = log.pollTask()) {
            // What was offered before the job was submitted is queued ahead of it: write it first.
            drainAndWrite();
            job.run();
        }
    }

    private void pruneStep() {
        if (writer == null) {
            return;
        }
        if (!pruning && !clock.instant().isBefore(nextPrune)) {
            pruning = true;
        }
        if (!pruning) {
            return;
        }
        try {
            if (pruner.step(writer.connection()) == 0) {
                pruner.finish(writer.connection());
                pruning = false;
                nextPrune = clock.instant().plus(PRUNE_EVERY);
            }
        } catch (SQLException | RuntimeException e) {
            pruning = false;
            nextPrune = clock.instant().plus(PRUNE_EVERY);
            failed("prune", e);
        }
    }

    private boolean ensureOpen() {
        return ensureOpen(true);
    }

    /** {@code check}: SQLite's quick_check before the first write; without, {@link #checkOpened} runs it. */
    private boolean ensureOpen(boolean check) {
        if (writer != null) {
            return true;
        }
        if (System.nanoTime() - nextOpenAttempt < 0) {
            return false;
        }
        try {
            writer = new LogWriter(check ? database.openWriter() : database.openWriterUnchecked(), clock.getZone());
            return true;
        } catch (SQLException | RuntimeException e) {
            nextOpenAttempt = System.nanoTime() + RETRY_NANOS;
            warn("Cannot open the log database " + database.file() + "; blocked lookups are not recorded,"
                    + " retrying in 10 s", e);
            return false;
        }
    }

    private void checkOpened() {
        if (writer == null) {
            return;
        }
        try {
            LogDatabase.quickCheck(writer.connection());
        } catch (SQLException e) {
            failed("check", e);
        }
    }

    private void failed(String what, Exception e) {
        closeWriter();
        if (e instanceof SQLException sql && LogDatabase.isCorruption(sql)) {
            // A file that turns corrupt again at once points at the disk, not the file: pause before
            // the next attempt rather than filling the folder with moved-aside copies.
            long now = System.nanoTime();
            if (now - lastMoveAside < RETRY_NANOS) {
                nextOpenAttempt = now + RETRY_NANOS;
            }
            lastMoveAside = now;
            try {
                database.moveAside(what + ": " + e.getMessage());
            } catch (SQLException move) {
                warn(move.getMessage(), move);
                nextOpenAttempt = System.nanoTime() + RETRY_NANOS;
            }
            return;
        }
        nextOpenAttempt = System.nanoTime() + RETRY_NANOS;
        warn("Log database " + database.file() + ": cannot " + what + "; retrying in 10 s", e);
    }

    private void requireOpen() throws SQLException {
        if (!ensureOpen()) {
            throw new SQLException("the log database " + database.file() + " is not open");
        }
    }

    private void closeWriter() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.debug("closing the log database failed; the connection is dropped anyway", e);
        }
        writer = null;
    }

    /** At most one warning a minute: a full disk must not also fill the log file. */
    private void warn(String message, Exception e) {
        long now = System.nanoTime();
        if (now - lastWarning >= WARN_EVERY_NANOS) {
            lastWarning = now;
            LOG.warn("{}: {}", message, e.getMessage());
        }
    }
}
