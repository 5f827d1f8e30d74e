package org.hearth.gateway.background;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reads the kernel's own record of each thread's scheduling policy (field 41 of /proc/.../stat). */
class BackgroundThreadsTest {

    @Test
    void aBackgroundThreadRunsOnlyWhenTheCoreIsIdleAndTheCallerKeepsItsPolicy() throws Exception {
        int callerBefore = policy(BackgroundThreads.threadId());
        ExecutorService executor = Executors.newSingleThreadExecutor(BackgroundThreads.named("hearth-test-bg"));
        try {
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try {
                    return Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon() + " "
                            + policy(BackgroundThreads.threadId());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, executor);
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("hearth-test-bg true " + BackgroundThreads.SCHED_IDLE);
        } finally {
            executor.shutdownNow();
        }
        assertThat(policy(BackgroundThreads.threadId())).isEqualTo(callerBefore);
    }

    @Test
    void lowerCurrentLowersOnlyTheCallingThread() throws Exception {
        int[] result = new int[2];
        Thread thread = new Thread(() -> {
            try {
                result[0] = BackgroundThreads.lowerCurrent() ? 1 : 0;
                result[1] = policy(BackgroundThreads.threadId());
            } catch (Exception e) {
                result[0] = -1;
            }
        });
        int before = policy(BackgroundThreads.threadId());
        thread.start();
        thread.join(10_000);
        assertThat(result).containsExactly(1, BackgroundThreads.SCHED_IDLE);
        assertThat(policy(BackgroundThreads.threadId())).isEqualTo(before).isZero();
    }

    private static int policy(String tid) throws Exception {
        String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        // After "(comm)", which may hold spaces: state is field 3, policy field 41 (0 is SCHED_OTHER).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[41 - 3]);
    }
}
