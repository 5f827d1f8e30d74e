package org.hearth.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.background.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when hearth.yml changes on disk and reloads it: the listener gets the new config, or the
 * problems while the running config stays in force.
 *
 * <p>It polls the file's identity, size and modification time rather than using a WatchService:
 * editors and {@link ConfigWriter} replace the file by rename, which a watch on the file itself misses,
 * and polling one stat a second costs nothing. A change is acted on once the file has stayed the same
 * for one poll, so a file caught half-written is not loaded as if it were the whole config.
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    /** What a reload produced. Called on the watcher's thread; must not block for long. */
    public interface Listener {
        void reloaded(LoadedConfig config);

        void rejected(List<String> problems);
    }

    private final Path file;
    private final List<ConfigCheck> checks;
    private final Listener listener;
    private ScheduledExecutorService timer;
    private Stamp loaded;
    private Stamp pending;

    /** Watches {@code file}, whose current content is taken as the running config (no initial call). */
    public ConfigWatcher(Path file, List<ConfigCheck> checks, Listener listener) {
        this.file = file.toAbsolutePath().normalize();
        this.checks = List.copyOf(checks);
        this.listener = Objects.requireNonNull(listener);
        this.loaded = stamp();
    }

    /** Polls once a second: a hand edit takes effect within about two seconds. */
    public ConfigWatcher start() {
        return start(Duration.ofSeconds(1));
    }

    /** Polls every {@code interval} on a daemon thread of its own until {@link #close()}. */
    public synchronized ConfigWatcher start(Duration interval) {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("config-watcher"));
            long ms = Math.max(1, interval.toMillis());
            timer.scheduleWithFixedDelay(this::pollSafely, ms, ms, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * One poll: notes a change, or, when a change noted at the previous poll has held still since,
     * reloads. Public so tests drive it without a timer.
     */
    public synchronized void poll() {
        Stamp now = stamp();
        if (now.equals(loaded)) {
            pending = null;
            return;
        }
        if (!now.equals(pending)) {
            pending = now; // changed since the last look: wait for it to settle
            return;
        }
        pending = null;
        loaded = now;
        if (!now.exists()) {
            listener.rejected(List.of(file.getFileName() + ": the file is gone; keeping the running config"));
            return;
        }
        try {
            LoadedConfig config = ConfigLoader.load(file, checks);
            LOG.info("config {} changed; reloaded", file);
            listener.reloaded(config);
        } catch (ConfigException e) {
            LOG.warn("config {} changed but is not valid; keeping the running config: {}", file,
                    String.join(" | ", e.problems()));
            listener.rejected(e.problems());
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A listener that throws must not end the polling: the next edit still has to be seen.
            LOG.error("config reload listener failed", e);
        }
    }

    private Stamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(true, a.fileKey(), a.size(), a.lastModifiedTime().toInstant());
        } catch (NoSuchFileException e) {
            return new Stamp(false, null, -1, null);
        } catch (IOException e) {
            return new Stamp(false, e.getClass().getName(), -1, null);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /** What identifies one version of the file: inode (changes on rename-over), size and mtime. */
    private record Stamp(boolean exists, Object key, long size, java.time.Instant modified) {}
}
