package org.hearth.gateway.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.testsupport.ThreadStat;
import org.junit.jupiter.api.Test;

/**
 * Against the real kernel: the slice is read back from /proc, where Linux 6.12 and later report it
 * ({@code se.slice}). Those tests are skipped on other systems, where {@link ShortSlice} does
 * nothing by design.
 */
class ShortSliceTest {

    static void assumeCustomSlices() {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/sched")), "Linux /proc");
        assumeTrue(kernelAtLeast(6, 12), "custom EEVDF slices need Linux 6.12, this is " + System.getProperty("os.version"));
        boolean perl;
        try {
            perl = new ProcessBuilder("perl", "-e", "1").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            perl = false;
        }
        assumeTrue(perl, "perl");
    }

    @Test
    void setsTheSliceAndKeepsTheThreadsNiceAndClass() throws Exception {
        assumeCustomSlices();
        try (Parked thread = new Parked(Executors.defaultThreadFactory())) {
            int nice = Math.min(19, ThreadStat.nice(thread.tid) + 1);
            assertThat(new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", thread.tid).start().waitFor())
                    .isZero();
            assertThat(new ProcessBuilder("chrt", "--batch", "--pid", "0", thread.tid).start().waitFor()).isZero();
            long before = ShortSlice.currentNanos(thread.tid);

            assertThat(ShortSlice.apply(List.of(thread.tid), 200_000)).isTrue();

            assertThat(before).isNotEqualTo(200_000);
            assertThat(ShortSlice.currentNanos(thread.tid)).isEqualTo(200_000);
            assertThat(ThreadStat.nice(thread.tid)).isEqualTo(nice);
            assertThat(ThreadStat.policy(thread.tid)).as("SCHED_BATCH").isEqualTo(3);
        }
    }

    @Test
    void aThreadThatIsGoneIsNoError() throws Exception {
        assumeCustomSlices();
        Parked gone = new Parked(Executors.defaultThreadFactory());
        gone.close();
        assertThat(ShortSlice.apply(List.of(gone.tid), 100_000)).isFalse();
    }

    @Test
    void oneRequestReachesEveryThread() throws Exception {
        assumeCustomSlices();
        try (Parked first = new Parked(Executors.defaultThreadFactory());
                Parked second = new Parked(Executors.defaultThreadFactory())) {
            ShortSlice.request(List.of(first.tid, second.tid), ShortSlice.DEFAULT_NANOS);

            assertThat(eventually(first.tid, ShortSlice.DEFAULT_NANOS)).isEqualTo(ShortSlice.DEFAULT_NANOS);
            assertThat(eventually(second.tid, ShortSlice.DEFAULT_NANOS)).isEqualTo(ShortSlice.DEFAULT_NANOS);
        }
    }

    @Test
    void thePropertyIsKeptWithinWhatTheKernelAllows() {
        String before = System.getProperty(ShortSlice.PROPERTY);
        try {
            System.clearProperty(ShortSlice.PROPERTY);
            assertThat(ShortSlice.configuredNanos()).isEqualTo(ShortSlice.DEFAULT_NANOS);
            System.setProperty(ShortSlice.PROPERTY, "0");
            assertThat(ShortSlice.configuredNanos()).isZero();
            System.setProperty(ShortSlice.PROPERTY, "500000");
            assertThat(ShortSlice.configuredNanos()).isEqualTo(500_000);
            System.setProperty(ShortSlice.PROPERTY, "10");
            assertThat(ShortSlice.configuredNanos()).isEqualTo(ShortSlice.MIN_NANOS);
            System.setProperty(ShortSlice.PROPERTY, "999999999999");
            assertThat(ShortSlice.configuredNanos()).isEqualTo(ShortSlice.MAX_NANOS);
            System.setProperty(ShortSlice.PROPERTY, "fast");
            assertThat(ShortSlice.configuredNanos()).isEqualTo(ShortSlice.DEFAULT_NANOS);
        } finally {
            if (before == null) {
                System.clearProperty(ShortSlice.PROPERTY);
            } else {
                System.setProperty(ShortSlice.PROPERTY, before);
            }
        }
    }

    @Test
    void theDnsEventLoopsRunWithTheShortSlice() throws Exception {
        assumeCustomSlices();
        try (NettyTransport transport = NettyTransport.create(2, true)) {
            for (var loop : transport.group()) {
                String tid = CompletableFuture.supplyAsync(ShortSlice::currentThreadId, loop).get(5, TimeUnit.SECONDS);
                assertThat(eventually(tid, ShortSlice.DEFAULT_NANOS)).isEqualTo(ShortSlice.DEFAULT_NANOS);
            }
        }
    }

    @Test
    void knowsTheSystemCallOnThePisArchitectures() {
        assertThat(ShortSlice.setattrSyscall("aarch64")).isEqualTo(274);
        assertThat(ShortSlice.setattrSyscall("arm")).isEqualTo(380);
        assertThat(ShortSlice.setattrSyscall("amd64")).isEqualTo(314);
        assertThat(ShortSlice.setattrSyscall("sparcv9")).isEqualTo(-1);
    }

    private static long eventually(String tid, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long slice = ShortSlice.currentNanos(tid);
        while (slice != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            slice = ShortSlice.currentNanos(tid);
        }
        return slice;
    }

    private static boolean kernelAtLeast(int major, int minor) {
        Matcher version = Pattern.compile("(\\d+)\\.(\\d+)").matcher(System.getProperty("os.version", ""));
        if (!version.lookingAt()) {
            return false;
        }
        int kernelMajor = Integer.parseInt(version.group(1));
        int kernelMinor = Integer.parseInt(version.group(2));
        return kernelMajor > major || (kernelMajor == major && kernelMinor >= minor);
    }

    /** A thread from {@code factory} that waits until closed, with its kernel id. */
    private static final class Parked implements AutoCloseable {
        final String tid;
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread;

        Parked(ThreadFactory factory) throws Exception {
            CompletableFuture<String> id = new CompletableFuture<>();
            thread = factory.newThread(() -> {
                id.complete(ShortSlice.currentThreadId());
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            tid = id.get(5, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            thread.join(5000);
        }
    }
}
