package org.hearth.gateway.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuietCollectorTest {

    private static final long MIB = 1L << 20;

    private final AtomicLong seen = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong oldUsed = new AtomicLong(20 * MIB);
    private final AtomicBoolean due = new AtomicBoolean(true);
    private final QuietCollector.Generation old = new QuietCollector.Generation() {
        @Override
        public long used() {
            return oldUsed.get();
        }

        @Override
        public boolean due() {
            return due.get();
        }
    };
    private final AtomicInteger collections = new AtomicInteger();
    private final QuietCollector collector = new QuietCollector(seen::get, waiting::get, old,
            collections::incrementAndGet, null);

    @Test
    void dueOnceHalfTheRoomLeftByTheLastCollectionIsUsed() {
        // 20 MiB live after the last collection, 40 committed: 10 MiB more is half the room
        assertThat(OldGeneration.due(29 * MIB, 20 * MIB, 40 * MIB)).isFalse();
        assertThat(OldGeneration.due(30 * MIB, 20 * MIB, 40 * MIB)).isTrue();
        assertThat(OldGeneration.due(39 * MIB, 20 * MIB, 40 * MIB)).isTrue();
        // never collected yet: everything in use counts
        assertThat(OldGeneration.due(6 * MIB, 0, 10 * MIB)).isTrue();
        assertThat(OldGeneration.due(4 * MIB, 0, 10 * MIB)).isFalse();
    }

    @Test
    void aTinyGenerationIsNotWorthAPause() {
        assertThat(OldGeneration.due(MIB - 1, 0, MIB)).isFalse();
        assertThat(OldGeneration.due(MIB, 0, MIB)).isTrue();
    }

    @Test
    void collectsOnlyAfterAWholePeriodWithoutQuestions() {
        assertThat(collector.check()).as("the first look only counts").isFalse();
        seen.addAndGet(3);
        assertThat(collector.check()).as("questions came since the last look").isFalse();
        assertThat(collector.check()).as("none came").isTrue();
        assertThat(collections).hasValue(1);
    }

    @Test
    void neverWhileAQuestionWaitsOnAnUpstream() {
        collector.check();
        waiting.set(1);
        assertThat(collector.check()).isFalse();
        assertThat(collector.check()).isFalse();
        waiting.set(0);
        assertThat(collector.check()).isTrue();
    }

    @Test
    void neverWhileObjectsAreStillPromoted() {
        collector.check();
        oldUsed.addAndGet(MIB); // a list build, the log's writer catching up
        assertThat(collector.check()).isFalse();
        assertThat(collector.check()).as("settled").isTrue();
    }

    @Test
    void neverWhenTheOldGenerationIsNotDue() {
        due.set(false);
        collector.check();
        assertThat(collector.check()).isFalse();
        assertThat(collections).hasValue(0);
    }

    @Test
    void theNextLookStartsFromWhatTheCollectionLeft() {
        QuietCollector slow = new QuietCollector(seen::get, waiting::get, old, seen::incrementAndGet, null);
        slow.check();
        assertThat(slow.check()).isTrue();
        assertThat(slow.check()).as("the question asked while it collected is part of the new start").isTrue();
    }

    /**
     * The real thing: a JVM with the serial collector promotes 24 MiB that then dies. While a
     * question is said to be waiting nothing is collected; once none is, the collector's thread
     * collects the old generation within a second.
     */
    @Test
    void aSerialJvmCollectsItsOldGenerationOnceQuiet(@TempDir Path dir) throws Exception {
        List<String> out = child(dir, "-XX:+UseSerialGC");
        assertThat(out).contains("busy: no collection", "quiet: collected");
    }

    @Test
    void aParallelJvmToo(@TempDir Path dir) throws Exception {
        assertThat(child(dir, "-XX:+UseParallelGC")).contains("busy: no collection", "quiet: collected");
    }

    @Test
    void aG1JvmIsLeftToItsCollector(@TempDir Path dir) throws Exception {
        assertThat(child(dir, "-XX:+UseG1GC")).containsExactly("not watching");
    }

    private static List<String> child(Path dir, String collector) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve("child.out");
        Process process = new ProcessBuilder(java, collector, "-Xms48m", "-Xmx48m", "-Xmn8m",
                "-XX:MaxTenuringThreshold=0", "-XX:-UseAdaptiveSizePolicy", "-Xlog:disable", "-cp", System.getProperty("java.class.path"), QuietCollectorChild.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        // only what the child prints; the rest is the JVM's and the log's
        return Files.readAllLines(out).stream()
                .filter(line -> line.startsWith("busy:") || line.startsWith("quiet:") || line.equals("not watching"))
                .toList();
    }
}
