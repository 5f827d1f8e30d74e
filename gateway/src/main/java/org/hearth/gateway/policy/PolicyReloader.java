package org.hearth.gateway.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.HearthConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies edits of the config file to the running policy within seconds, without a restart. A file
 * that does not load or compile is rejected with its problems logged, and the running policy stays.
 * Polls the file's content (a few KiB: cheap, exact even for two edits within a second, and works on
 * every file system, unlike inotify on some SD-card setups); runs on a background thread, never the
 * event loop.
 */
public final class PolicyReloader {

    private static final Logger log = LoggerFactory.getLogger(PolicyReloader.class);

    private final Path file;
    private final PolicyCompiler compiler;
    private final PolicySnapshots target;
    private byte[] lastContent;

    public PolicyReloader(Path file, PolicyCompiler compiler, PolicySnapshots target) {
        this.file = file;
        this.compiler = compiler;
        this.target = target;
    }

    /**
     * Loads and compiles the file now; publishes the snapshot when it has no problems.
     *
     * @return the problems; empty when the new policy is in force
     */
    public synchronized List<Problem> reload() {
        remember();
        HearthConfig config;
        try {
            config = ConfigLoader.load(file).config();
        } catch (ConfigException e) {
            List<Problem> problems = new ArrayList<>();
            for (String p : e.problems()) {
                problems.add(new Problem("", p));
            }
            reject(problems);
            return problems;
        }
        PolicyCompiler.Result result = compiler.compile(config);
        if (!result.ok()) {
            reject(result.problems());
            return result.problems();
        }
        target.publish(result.snapshot());
        log.info("policy reloaded from {}: {} profiles, {} devices", file, result.snapshot().profiles().size(),
                result.snapshot().devices().devices().size());
        return List.of();
    }

    /** Reloads when the file's content changed since the last look (or the last reload). */
    public synchronized boolean reloadIfChanged() {
        try {
            if (Arrays.equals(Files.readAllBytes(file), lastContent)) {
                return false;
            }
        } catch (IOException e) {
            return false; // being replaced (write temp, rename): look again next time
        }
        reload();
        return true;
    }

    /** Looks at the file every {@code interval} on {@code executor}. */
    public ScheduledFuture<?> start(ScheduledExecutorService executor, Duration interval) {
        remember();
        return executor.scheduleWithFixedDelay(() -> {
            try {
                reloadIfChanged();
            } catch (RuntimeException e) {
                log.warn("policy reload failed; the running policy stays", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void remember() {
        try {
            lastContent = Files.readAllBytes(file);
        } catch (IOException e) {
            lastContent = null;
        }
    }

    private void reject(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            sb.append(System.lineSeparator()).append("  ").append(file.getFileName()).append(": ").append(p);
        }
        log.warn("config edit rejected; the running policy stays:{}", sb);
    }
}
