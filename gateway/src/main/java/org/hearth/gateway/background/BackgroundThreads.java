package org.hearth.gateway.background;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads whose work may wait while the box answers DNS: the log's writer, the list builds. On a
 * one-core box they share the core with the event loop, and at the same priority a 5000-entry log
 * transaction or a list compile holds a query for milliseconds. Each moves itself to Linux's
 * SCHED_IDLE policy when it starts: the kernel runs it only when the DNS path leaves the core idle,
 * and a query that arrives preempts it at once (nice 19 is not enough: the scheduler lets a running
 * task finish its slice, about 3 ms). Under a flood the log's bounded queue then drops (and counts)
 * entries instead of the box answering slower.
 *
 * <p>Java has no call for a thread's scheduling policy; Linux keeps one per thread, and {@code chrt}
 * (util-linux, essential on Debian and Raspberry Pi OS) sets it by thread id. Moving to SCHED_IDLE
 * needs no privilege. Where that fails (another OS, no /proc) the thread runs at normal priority.
 */
public final class BackgroundThreads {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);
    /** SCHED_IDLE, as /proc/.../stat's field 41 shows it (sched.h). */
    static final int SCHED_IDLE = 5;

    private BackgroundThreads() {}

    /** Single daemon threads with this name, each lowered to background priority as it starts. */
    public static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(() -> {
                lowerCurrent();
                task.run();
            }, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Moves the calling thread to SCHED_IDLE; false (logged at debug) where the OS does not allow it. */
    public static boolean lowerCurrent() {
        try {
            String tid = threadId();
            Process chrt = new ProcessBuilder("chrt", "--idle", "--pid", "0", tid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!chrt.waitFor(5, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                LOG.debug("chrt of thread {} did not finish", tid);
                return false;
            }
            return chrt.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The kernel's id of the calling thread: /proc/thread-self links to "pid/task/tid". */
    static String threadId() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    }
}
