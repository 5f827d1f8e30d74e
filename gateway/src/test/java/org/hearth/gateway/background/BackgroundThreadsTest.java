package org.hearth.gateway.background;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.testsupport.ThreadStat;
import org.junit.jupiter.api.Test;

/** Reads the kernel's own record of each thread's nice value (field 19 of /proc/.../stat). */
class BackgroundThreadsTest {

    private static final int SCHED_IDLE = 5;

    @Test
    void aBackgroundThreadRunsAtNiceNineteenAndTheCallerKeepsItsPriority() throws Exception {
        int callerBefore = nice(BackgroundThreads.threadId());
        ExecutorService executor = Executors.newSingleThreadExecutor(BackgroundThreads.named("hearth-test-bg"));
        try {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    return Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon() + " "
                            + nice(BackgroundThreads.threadId());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("hearth-test-bg true " + BackgroundThreads.NICE);
        } finally {
            executor.shutdownNow();
        }
        assertThat(nice(BackgroundThreads.threadId())).isEqualTo(callerBefore);
    }

    @Test
    void anIdleThreadRunsInTheIdleClass() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(BackgroundThreads.idleNamed("hearth-test-idle"));
        try {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    return Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon() + " "
                            + ThreadStat.policy(BackgroundThreads.threadId());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("hearth-test-idle true " + SCHED_IDLE);
        } finally {
            executor.shutdownNow();
        }
        assertThat(ThreadStat.policy(BackgroundThreads.threadId())).as("the caller").isNotEqualTo(SCHED_IDLE);
    }

    @Test
    void lowerCurrentLowersOnlyTheCallingThread() throws Exception {
        int[] result = new int[2];
        Thread thread = new Thread(() -> {
            try {
                result[0] = BackgroundThreads.lowerCurrent() ? 1 : 0;
                result[1] = nice(BackgroundThreads.threadId());
            } catch (Exception e) {
                result[0] = -1;
            }
        });
        int before = nice(BackgroundThreads.threadId());
        thread.start();
        thread.join(10_000);
        assertThat(result).containsExactly(1, BackgroundThreads.NICE);
        assertThat(nice(BackgroundThreads.threadId())).isEqualTo(before);
    }

    @Test
    void callLoweredReturnsTheResultFromALoweredThreadWhoseChildrenInheritIt() throws Exception {
        int before = nice(BackgroundThreads.threadId());
        assumeTrue(before < BackgroundThreads.NICE, "this JVM already runs at nice 19: nothing to tell apart");
        String seen = BackgroundThreads.callLowered("hearth-test-start", () -> {
            try {
                // A thread the work starts (as Jetty starts its pool) is lowered too.
                int[] child = new int[1];
                Thread pool = new Thread(() -> {
                    try {
                        child[0] = nice(BackgroundThreads.threadId());
                    } catch (Exception e) {
                        child[0] = -1;
                    }
                });
                pool.start();
                pool.join(10_000);
                return Thread.currentThread().getName() + " " + nice(BackgroundThreads.threadId()) + " " + child[0];
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(seen).isEqualTo("hearth-test-start " + BackgroundThreads.NICE + " " + BackgroundThreads.NICE);
        assertThat(nice(BackgroundThreads.threadId())).isEqualTo(before);
    }

    @Test
    void callLoweredRethrowsWhatTheWorkThrew() {
        assertThatThrownBy(() -> BackgroundThreads.callLowered("hearth-test-start", () -> {
            throw new IllegalArgumentException("port 80 is taken");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("port 80 is taken");
    }

    private static int nice(String tid) throws Exception {
        return ThreadStat.nice(tid);
    }
}
