package org.hearth.gateway.resolve;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one upstream is worth asking. {@link #FAILURES_TO_MARK_DOWN} failures in a row mark it
 * down; one good answer (to a query or a probe) marks it up again. Lock-free: queries on every
 * event loop report here.
 */
final class UpstreamHealth {

    private static final Logger log = LoggerFactory.getLogger(UpstreamHealth.class);

    /** Three, so one lost datagram or one slow answer does not take a server out of rotation. */
    static final int FAILURES_TO_MARK_DOWN = 3;

    private final InetSocketAddress server;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final LongAdder failures = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final AtomicBoolean down = new AtomicBoolean();

    UpstreamHealth(InetSocketAddress server) {
        this.server = server;
    }

    InetSocketAddress server() {
        return server;
    }

    boolean isDown() {
        return down.get();
    }

    void succeeded() {
        successes.increment();
        consecutiveFailures.set(0);
        if (down.compareAndSet(true, false)) {
            log.info("upstream {} answers again; back in use", server);
        }
    }

    void failed() {
        failures.increment();
        if (consecutiveFailures.incrementAndGet() >= FAILURES_TO_MARK_DOWN && down.compareAndSet(false, true)) {
            log.warn("upstream {} failed {} times in a row; skipped until a probe gets an answer",
                    server, FAILURES_TO_MARK_DOWN);
        }
    }

    long failures() {
        return failures.sum();
    }

    long successes() {
        return successes.sum();
    }
}
