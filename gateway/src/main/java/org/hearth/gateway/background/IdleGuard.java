package org.hearth.gateway.background;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one thread in the idle scheduling class and raises it to nice 19 when it starves. An
 * idle-class thread gives way to a DNS question at once (BackgroundThreads says why nice 19 alone
 * does not), but gets almost nothing (about 1 % of a core on the build box) while other work keeps
 * every core busy. The guarded thread
 * reports progress each round; a watcher at normal priority, waking once a second, raises it when
 * none came for {@link #STARVED_NANOS}. Back at nice 19 it returns to the idle class on its own
 * as soon as it has caught up (at least a second later): a flood of questions starves it, and
 * the questions after the flood must again find it idle-class. A box that stays busy switches it
 * every few seconds, two short processes (chrt, renice) each time.
 */
public final class IdleGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdleGuard.class);
    static final long STARVED_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final long IDLE_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String name;
    private final Predicate<String> raise;
    private final boolean watch;
    private Thread watcher; // started by the first enterIdle that succeeds
    /** The guarded thread's id while it is idle-class; null while it runs at nice 19 (or never went idle). */
    private volatile String idleTid;
    private volatile long lastProgress = System.nanoTime();
    private volatile long raisedAt;
    private volatile boolean closed;

    /** @param name the guarded thread's name, for the log line when it is raised */
    public IdleGuard(String name) {
        this(name, BackgroundThreads::raiseToNice, true);
    }

    /** @param raise moves a thread id out of the idle class; {@code watch} false: no watcher thread (tests call {@link #check}) */
    IdleGuard(String name, Predicate<String> raise, boolean watch) {
        this.name = name;
        this.raise = raise;
        this.watch = watch;
    }

    /**
     * Called by the guarded thread: puts it in the idle class. False where the OS refused; the caller
     * then lowers itself the usual way ({@link BackgroundThreads#lowerCurrent}).
     */
    public boolean enterIdle() {
        progress();
        String tid;
        try {
            tid = BackgroundThreads.threadId();
        } catch (IOException e) {
            return false;
        }
        if (!BackgroundThreads.idle(tid)) {
            return false;
        }
        synchronized (this) {
            if (closed) {
                raise.test(tid); // closing: not idle-class without its watcher
                return false;
            }
            idleTid = tid;
            if (watch && watcher == null) {
                watcher = new Thread(this::watch, name + "-guard");
                watcher.setDaemon(true);
                watcher.start();
            }
        }
        return true;
    }

    /** Called by the guarded thread at the end of each round. */
    public void progress() {
        lastProgress = System.nanoTime();
    }

    /**
     * Called by the guarded thread when it has nothing left to do: back to the idle class if it was
     * raised more than a second ago.
     */
    public void caughtUp() {
        long raised = raisedAt;
        if (idleTid == null && raised != 0 && System.nanoTime() - raised > IDLE_AGAIN_NANOS) {
            raisedAt = 0;
            if (enterIdle()) {
                LOG.debug("{} back in the idle class", name);
            }
        }
    }

    /** Raises the guarded thread if it starved; the watcher calls this once a second. */
    void check(long now) {
        String tid = idleTid;
        if (tid != null && now - lastProgress > STARVED_NANOS) {
            String why = String.format("no progress for %d ms: other work keeps the cores busy",
                    TimeUnit.NANOSECONDS.toMillis(now - lastProgress));
            if (raise(tid)) {
                LOG.info("{} raised from the idle class to nice 19: {}", name, why);
            } else {
                LOG.warn("{} starves in the idle class and could not be raised ({})", name, why);
            }
        }
    }

    /**
     * Raises the guarded thread now if it is idle-class: it is closing, and its last writes must not
     * wait for an idle core. Quiet: the thread may be gone already, which is as good.
     */
    public void raiseForClose() {
        String tid = idleTid;
        if (tid != null && !raise(tid)) {
            LOG.debug("{} not raised for closing (ended already?)", name);
        }
    }

    private boolean raise(String tid) {
        idleTid = null;
        raisedAt = System.nanoTime();
        return raise.test(tid);
    }

    boolean isIdle() {
        return idleTid != null;
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            check(System.nanoTime());
        }
    }

    /** Stops the watcher (the guarded thread is ending). */
    @Override
    public synchronized void close() {
        closed = true;
        if (watcher != null) {
            watcher.interrupt();
        }
    }
}
