package org.hearth.gateway.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Reads the kernel's record of each thread's policy and nice value (/proc/self/task/<tid>/stat). */
class IdleGuardTest {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_IDLE = 5;

    @Test
    void theGuardedThreadGoesIdleClassAndIsRaisedToNiceNineteen() throws Exception {
        AtomicReference<String> tid = new AtomicReference<>();
        AtomicReference<int[]> idle = new AtomicReference<>();
        IdleGuard guard = new IdleGuard("test-writer");
        CountDownLatch raised = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try {
                if (guard.enterIdle()) {
                    tid.set(BackgroundThreads.threadId());
                    idle.set(policyAndNice(tid.get()));
                }
                raised.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                done.countDown();
            }
        });
        thread.start();
        try {
            assertThat(waitFor(() -> idle.get() != null || !thread.isAlive())).isTrue();
            assumeTrue(idle.get() != null, "chrt is not available here");
            assertThat(idle.get()[0]).as("policy").isEqualTo(SCHED_IDLE);
            assertThat(guard.isIdle()).isTrue();

            guard.raiseForClose();
            assertThat(guard.isIdle()).isFalse();
            assertThat(policyAndNice(tid.get())).containsExactly(SCHED_OTHER, BackgroundThreads.NICE);
        } finally {
            raised.countDown();
            done.await(10, TimeUnit.SECONDS);
            guard.close();
        }
    }

    @Test
    void aThreadWithoutProgressForTwoSecondsIsRaisedOnceAndOnlyThen() throws Exception {
        List<String> raisedTids = new ArrayList<>();
        IdleGuard guard = new IdleGuard("test-writer", t -> raisedTids.add(t), false);
        AtomicBoolean entered = new AtomicBoolean();
        Thread thread = new Thread(() -> entered.set(guard.enterIdle()));
        thread.start();
        thread.join(10_000);
        assumeTrue(entered.get(), "chrt is not available here");

        long now = System.nanoTime();
        guard.check(now + IdleGuard.STARVED_NANOS / 2);
        assertThat(raisedTids).isEmpty();
        guard.progress();
        guard.check(System.nanoTime() + IdleGuard.STARVED_NANOS + TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(raisedTids).hasSize(1);
        guard.check(System.nanoTime() + 10 * IdleGuard.STARVED_NANOS);
        assertThat(raisedTids).as("raised once: it is no longer idle-class").hasSize(1);
        guard.close();
    }

    /**
     * The real thing: every core kept busy by normal threads starves the idle-class thread (the
     * kernel gives it about 1 % of a core here, so a round of 100 ms of work takes seconds) until
     * the watcher raises it to nice 19.
     */
    @Test
    void anIdleClassThreadStarvedByBusyCoresIsRaisedToNiceNineteen() throws Exception {
        IdleGuard guard = new IdleGuard("test-writer");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong rounds = new AtomicLong();
        AtomicBoolean entered = new AtomicBoolean();
        AtomicReference<String> tid = new AtomicReference<>();
        CountDownLatch inIdle = new CountDownLatch(1);
        Thread guarded = new Thread(() -> {
            entered.set(guard.enterIdle());
            try {
                tid.set(BackgroundThreads.threadId());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            inIdle.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!stop.get() && System.nanoTime() < until) {
                rounds.incrementAndGet();
                guard.progress();
                work(TimeUnit.MILLISECONDS.toNanos(100));
            }
        });
        guarded.start();
        assertThat(inIdle.await(10, TimeUnit.SECONDS)).isTrue();
        assumeTrue(entered.get(), "chrt is not available here");
        List<Thread> busy = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cores + 1; i++) {
            Thread t = new Thread(() -> {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!stop.get() && System.nanoTime() < until) {
                    spin(TimeUnit.MILLISECONDS.toNanos(1));
                }
            });
            t.setDaemon(true);
            busy.add(t);
            t.start();
        }
        try {
            // The watcher forgets the thread's id first, then runs chrt and renice.
            assertThat(waitFor(() -> java.util.Arrays.equals(policyAndNiceUnchecked(tid.get()),
                    new int[] {SCHED_OTHER, BackgroundThreads.NICE}))).as("raised by the watcher to nice 19").isTrue();
            assertThat(guard.isIdle()).isFalse();
        } finally {
            stop.set(true);
            guarded.join(10_000);
            for (Thread t : busy) {
                t.join(10_000);
            }
            guard.close();
        }
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** Spins until the calling thread has had {@code cpuNanos} of CPU: slow when it gets little. */
    private static void work(long cpuNanos) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + cpuNanos;
        while (threads.getCurrentThreadCpuTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private static int[] policyAndNiceUnchecked(String tid) {
        try {
            return policyAndNice(tid);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Field 41 (policy) and field 19 (nice) of the thread's stat line. */
    private static int[] policyAndNice(String tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new int[] {Integer.parseInt(fields[41 - 3]), Integer.parseInt(fields[19 - 3])};
    }
}
