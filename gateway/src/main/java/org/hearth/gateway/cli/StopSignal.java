package org.hearth.gateway.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waits for SIGTERM or SIGINT. Handling the signals ourselves (rather than only a shutdown hook) lets
 * {@code serve} close the gateway on its own thread and exit 0, as a service manager expects from a
 * clean stop; the JVM's default handling would exit 143 or 130.
 */
final class StopSignal {

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Runnable> restore = new ArrayList<>();
    private volatile String reason = "stop requested";

    /** Routes SIGTERM and SIGINT to {@link #request}; until {@link #uninstall} they no longer kill the JVM. */
    void install() {
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                // A repeated signal changes nothing: tools such as timeout(1) signal the process and its
                // group, so one stop request can arrive twice. Closing is bounded by the gateway's drain.
                SignalHandler previous = Signal.handle(signal, s -> request("SIG" + s.getName()));
                restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException e) {
                // The JVM reserves this signal (e.g. run with -Xrs); the shutdown hook in serve still closes
                // the gateway then, only the exit code is the JVM's.
            }
        }
    }

    void uninstall() {
        restore.forEach(Runnable::run);
        restore.clear();
    }

    void request(String why) {
        if (stop.getCount() > 0) {
            reason = why;
        }
        stop.countDown();
    }

    /** Blocks until a stop is requested; returns what asked for it. */
    String await() throws InterruptedException {
        stop.await();
        return reason;
    }
}
