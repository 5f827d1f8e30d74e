package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.testsupport.ThreadStat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {

    @TempDir
    Path dir;

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final ConfigWatcher.Listener listener = new ConfigWatcher.Listener() {
        @Override
        public void reloaded(LoadedConfig config) {
            events.add(config);
        }

        @Override
        public void rejected(List<String> problems) {
            events.add(problems);
        }
    };

    private Path config(String upstream) throws IOException {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, "upstreams: [\"" + upstream + "\"]\n");
        return file;
    }

    @Test
    void unchangedFileTriggersNothing() throws IOException {
        ConfigWatcher watcher = new ConfigWatcher(config("10.0.0.1"), List.of(), listener);
        for (int i = 0; i < 3; i++) {
            watcher.poll();
        }
        assertThat(events).isEmpty();
    }

    @Test
    void changeIsReloadedOnceItHoldsStillForOnePoll() throws IOException {
        Path file = config("10.0.0.1");
        ConfigWatcher watcher = new ConfigWatcher(file, List.of(), listener);
        Files.writeString(file, "upstreams: [\"10.0.0.2:5300\"]\n");
        watcher.poll();
        assertThat(events).as("first sight of a change only notes it").isEmpty();
        watcher.poll();
        assertThat(events).singleElement().isInstanceOfSatisfying(LoadedConfig.class,
                c -> assertThat(c.config().upstreams()).containsExactly("10.0.0.2:5300"));
        watcher.poll();
        assertThat(events).hasSize(1);
    }

    @Test
    void invalidEditIsRejectedWithItsProblemsAndNextGoodEditLoads() throws IOException {
        Path file = config("10.0.0.1");
        ConfigWatcher watcher = new ConfigWatcher(file, List.of(), listener);
        Files.writeString(file, "upstreams: [\"10.0.0.1:70000\"]\n");
        watcher.poll();
        watcher.poll();
        assertThat(events.poll()).isEqualTo(List.of(
                "hearth.yml:1: upstreams[0]: \"10.0.0.1:70000\" is not host:port (port 1-65535)"));
        Files.writeString(file, "upstreams: [\"10.0.0.9\"]\n");
        watcher.poll();
        watcher.poll();
        assertThat(events.poll()).isInstanceOfSatisfying(LoadedConfig.class,
                c -> assertThat(c.config().upstreams()).containsExactly("10.0.0.9"));
    }

    @Test
    void replacementByRenameIsSeenEvenWithSameSize() throws IOException {
        Path file = config("10.0.0.1");
        ConfigWatcher watcher = new ConfigWatcher(file, List.of(), listener);
        Path edited = dir.resolve("hearth.yml.swp");
        Files.writeString(edited, "upstreams: [\"10.0.0.2\"]\n"); // same length as the original
        Files.setLastModifiedTime(edited, Files.getLastModifiedTime(file));
        Files.move(edited, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        watcher.poll();
        watcher.poll();
        assertThat(events.poll()).isInstanceOfSatisfying(LoadedConfig.class,
                c -> assertThat(c.config().upstreams()).containsExactly("10.0.0.2"));
    }

    @Test
    void deletedFileIsReportedAndRunningConfigKept() throws IOException {
        Path file = config("10.0.0.1");
        ConfigWatcher watcher = new ConfigWatcher(file, List.of(), listener);
        Files.delete(file);
        watcher.poll();
        watcher.poll();
        assertThat(events.poll()).isEqualTo(List.of("hearth.yml: the file is gone; keeping the running config"));
    }

    @Test
    void extraChecksApplyOnReload() throws IOException {
        Path file = config("10.0.0.1");
        ConfigCheck notThisServer = c -> c.upstreams().contains("198.51.100.8")
                ? List.of(new ConfigProblem("upstreams[0]", "\"198.51.100.8\" is not allowed here")) : List.of();
        ConfigWatcher watcher = new ConfigWatcher(file, List.of(notThisServer), listener);
        Files.writeString(file, "# the school's rule\nupstreams: [\"198.51.100.8\"]\n");
        watcher.poll();
        watcher.poll();
        assertThat(events.poll()).isEqualTo(List.of("hearth.yml:2: upstreams[0]: \"198.51.100.8\" is not allowed here"));
    }

    @Test
    void pollsFromABackgroundPriorityThread() throws Exception {
        assumeTrue(ThreadStat.nice(ThreadStat.currentTid()) < 19, "this JVM already runs at nice 19");
        ConfigWatcher watcher = new ConfigWatcher(config("10.0.0.1"), List.of(), listener).start(Duration.ofSeconds(60));
        try {
            assertThat(ThreadStat.awaitNice(List.of("config-watcher"), 19)).containsEntry("config-watcher", 19);
        } finally {
            watcher.close();
        }
    }

    @Test
    void timerPollsOnItsOwn() throws Exception {
        Path file = config("10.0.0.1");
        ConfigWatcher watcher = new ConfigWatcher(file, List.of(), listener).start(Duration.ofMillis(20));
        try {
            Files.writeString(file, "upstreams: [\"10.0.0.3:53\"]\n");
            Object event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).isInstanceOfSatisfying(LoadedConfig.class,
                    c -> assertThat(c.config().upstreams()).containsExactly("10.0.0.3:53"));
        } finally {
            watcher.close();
        }
        Files.writeString(file, "upstreams: [\"10.0.0.4:53\"]\n");
        assertThat(events.poll(200, TimeUnit.MILLISECONDS)).as("no polling after close").isNull();
    }
}
