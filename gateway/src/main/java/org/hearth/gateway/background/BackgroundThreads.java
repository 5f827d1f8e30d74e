package org.hearth.gateway.background;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads whose work may wait while the box answers DNS: the log's writer, the list builds, and the
 * periodic work (neighbour tables, config polling, alerts, unblock requests). On a
 * one-core box they share the core with the event loop, and at the same priority a 5000-entry log
 * transaction or a list compile holds a query for milliseconds. Each lowers itself to nice 19 when
 * it starts: against a busy event loop it gets about 1.5 % of the core, so DNS answers first and,
 * under a flood, the log's bounded queue drops (and counts) entries instead of the box answering
 * slower.
 *
 * <p>Why not SCHED_IDLE for all of them, which would yield to a question at once: it starves
 * completely while anything else keeps every core busy (another program, an upgrade, the CLI
 * started in a loop); a test that ran `hearth log query` in a loop beside a `serve` saw no log table
 * after 33 s. Nice 19 always progresses. The log writer alone runs idle-class
 * ({@link #idleCurrent}), guarded: its log is opened on the start-up thread, and when it makes no
 * progress for two seconds it is raised to nice 19 ({@link IdleGuard}). Java has no call for a
 * thread's nice value or class; Linux keeps them per thread, and {@code renice} (bsdutils) and
 * {@code chrt} (util-linux), both essential on Debian and Raspberry Pi OS, set them by thread id.
 * Lowering one's own priority needs no privilege. Where that fails (another OS, no /proc) the
 * thread runs at normal priority.
 */
public final class BackgroundThreads {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);
    static final int NICE = 19;

    private BackgroundThreads() {}

    /** Single daemon threads with this name, each lowered to background priority as it starts. */
    public static ThreadFactory named(String name) {
        return daemons(name, BackgroundThreads::lowerCurrent);
    }

    /**
     * Single daemon threads with this name, each in the idle scheduling class as it starts (nice 19
     * where the OS refuses): for work that is only worth doing while a core has nothing else to do,
     * and that may starve without harm, so it needs no {@link IdleGuard}.
     */
    public static ThreadFactory idleNamed(String name) {
        return daemons(name, () -> {
            if (!idleCurrent()) {
                lowerCurrent();
            }
        });
    }

    private static ThreadFactory daemons(String name, Runnable lower) {
        return task -> {
            Thread thread = new Thread(() -> {
                lower.run();
                task.run();
            }, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs {@code work} on a new thread lowered to background priority and waits for its result. For
     * start-up work that may wait while DNS answers: the caller blocks without using the core, and
     * threads the work creates (a web server's pool) inherit the lowered priority for good.
     */
    public static <T> T callLowered(String name, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            lowerCurrent();
            try {
                result.set(work.get());
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, name);
        thread.start();
        // Uninterruptibly: what the work starts (servers, ports) is returned to the caller, which
        // owns and closes it; given up on, it would run on with nobody to close it.
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        return result.get();
    }

    /** Lowers the calling thread to nice 19; false (logged at debug) where the OS does not allow it. */
    public static boolean lowerCurrent() {
        try {
            return run("renice", "-n", Integer.toString(NICE), "-p", threadId());
        } catch (IOException e) {
            LOG.debug("cannot lower the priority of {}: {}", Thread.currentThread().getName(), e.toString());
            return false;
        }
    }

    /**
     * Puts the calling thread in the idle scheduling class (SCHED_IDLE): the kernel runs it only on
     * a core nothing else wants, and a waking question preempts it at once. Nice 19 does not: on
     * Linux's EEVDF scheduler a thread keeps the core for its slice (about 3 ms) once it has it, at
     * any nice value, and a question that arrives meanwhile waits. For work that can be delayed
     * without bound, so only with a guard that raises it when it starves ({@link IdleGuard}):
     * the log writer's. False (logged at debug) where the OS does not allow it.
     */
    public static boolean idleCurrent() {
        try {
            return idle(threadId());
        } catch (IOException e) {
            LOG.debug("cannot put {} in the idle class: {}", Thread.currentThread().getName(), e.toString());
            return false;
        }
    }

    /** Puts thread {@code tid} in the idle class (see {@link #idleCurrent}). */
    static boolean idle(String tid) {
        return run("chrt", "--idle", "--pid", "0", tid);
    }

    /** Moves thread {@code tid} from the idle class back to the normal one, at nice 19. */
    public static boolean raiseToNice(String tid) {
        return run("chrt", "--other", "--pid", "0", tid) && run("renice", "-n", Integer.toString(NICE), "-p", tid);
    }

    private static boolean run(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.debug("{} did not finish", String.join(" ", command));
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: {}", String.join(" ", command), e.toString());
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
