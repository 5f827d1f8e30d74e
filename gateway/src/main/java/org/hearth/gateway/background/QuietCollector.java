package org.hearth.gateway.background;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the full collection that the old generation will soon need while no question is asked,
 * instead of letting it fall in the middle of the next burst.
 *
 * <p>With the serial collector (the Pi package's) the old generation is collected whole, every
 * thread stopped: 25 to 35 ms on the build box with the 1M-name list's heap, and a Pi is slower.
 * Under a flood it fills with what outlived a few young collections and then died: entries the
 * log's queue held, answers the cache let go. When it is nearly full as a flood ends, the few
 * objects the next questions promote set the collection off, and those questions wait for it (in
 * the bench rig, p99.9 of 24 to 37 ms in 7 of 47 runs of the window after a flood, PERF.md). The
 * JVM cannot tell a quiet moment from a busy one; the gateway can. Every {@link #PERIOD_MILLIS} a
 * thread in the idle scheduling class looks: it runs only on a core nothing else wants, so a look
 * never delays a question, and under a flood it may starve, which only means it would not have
 * collected anyway. Quiet is: no question arrived since its last look, none waits on an upstream,
 * and nothing was promoted into the old generation meanwhile (a list build or the log's writer
 * catching up still allocates; a collection then would only come sooner, not at a better moment).
 * When it is quiet and the old generation has filled more than half of the room its last
 * collection left ({@link OldGeneration#due}), it collects now. A box with a few questions a second
 * is quiet most of the time, so its collections all come this way; a flood with no gap gets none,
 * as before.
 *
 * <p>Only where the old generation is collected whole and stop-the-world (serial, parallel).
 * G1, ZGC and Shenandoah collect it concurrently or a piece at a time, and a {@code System.gc()}
 * there would be the long pause this avoids. {@code -XX:+DisableExplicitGC} turns it off.
 */
public final class QuietCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QuietCollector.class);
    /** The shortest silence that counts as quiet; a burst's questions come far closer together. */
    static final long PERIOD_MILLIS = 100;
    /** For a JVM whose collector is left alone: never looked at. */
    private static final Generation NEVER_DUE = new Generation() {
        @Override
        public long used() {
            return 0;
        }

        @Override
        public boolean due() {
            return false;
        }
    };

    private final LongSupplier questionsSeen;
    private final IntSupplier questionsWaiting;
    private final Generation old;
    private final Runnable collect;
    private final ScheduledExecutorService timer;
    private long lastSeen = -1;
    private long lastUsed = -1;

    /** What the collector reads of the old generation. */
    interface Generation {
        /** Bytes in use now. */
        long used();

        /** Whether it needs a collection soon. */
        boolean due();
    }

    /**
     * @param questionsSeen a count that grows with every question read
     * @param questionsWaiting the questions read and not yet answered
     * @param old the old generation
     * @param collect runs the collection
     * @param timer runs {@link #check} every period; null: the caller does (tests)
     */
    QuietCollector(LongSupplier questionsSeen, IntSupplier questionsWaiting, Generation old, Runnable collect,
            ScheduledExecutorService timer) {
        this.questionsSeen = questionsSeen;
        this.questionsWaiting = questionsWaiting;
        this.old = old;
        this.collect = collect;
        this.timer = timer;
        if (timer != null) {
            timer.scheduleWithFixedDelay(this::checkLogged, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts watching where this JVM's collector has a whole-collected old generation; otherwise
     * returns one that does nothing.
     */
    public static QuietCollector start(LongSupplier questionsSeen, IntSupplier questionsWaiting) {
        Optional<OldGeneration> old = OldGeneration.find();
        if (old.isEmpty()) {
            LOG.debug("no whole-collected old generation: collections are left to the JVM");
            return new QuietCollector(questionsSeen, questionsWaiting, NEVER_DUE, () -> {}, null);
        }
        LOG.debug("full collections of the {} wait for a quiet moment", old.get().name());
        return new QuietCollector(questionsSeen, questionsWaiting, old.get(), System::gc,
                Executors.newSingleThreadScheduledExecutor(BackgroundThreads.idleNamed("hearth-quiet-gc")));
    }

    /** One look; true when it collected. The first look only notes what it sees. */
    boolean check() {
        long seen = questionsSeen.getAsLong();
        long used = old.used();
        boolean quiet = seen == lastSeen && used == lastUsed && questionsWaiting.getAsInt() == 0;
        lastSeen = seen;
        lastUsed = used;
        if (quiet && old.due()) {
            collect.run();
            // The next look starts from what the collection left, questions asked meanwhile
            // included: another collection needs the generation due again, which this one undid.
            lastSeen = questionsSeen.getAsLong();
            lastUsed = old.used();
            return true;
        }
        return false;
    }

    private void checkLogged() {
        try {
            long start = System.nanoTime();
            if (check()) {
                LOG.debug("collected in a quiet moment in {} ms", (System.nanoTime() - start) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // A failed look must not end the schedule; the JVM still collects on its own.
            LOG.warn("quiet collection check failed: {}", e.toString());
        }
    }

    /** Whether a thread is watching (false where the collector is not a whole-collecting one). */
    public boolean watching() {
        return timer != null;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
