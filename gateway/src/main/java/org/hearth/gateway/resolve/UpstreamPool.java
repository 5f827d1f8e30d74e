package org.hearth.gateway.resolve;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.hearth.gateway.config.UpstreamConfig;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.dns.upstream.UpstreamClient;
import org.hearth.gateway.dns.upstream.UpstreamCounters;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Question;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The configured upstream servers, asked in order with failover, and their health. A server that
 * failed {@link UpstreamHealth#FAILURES_TO_MARK_DOWN} times in a row is marked down: queries ask it
 * only after every server that is up has failed them, and a probe every {@code probeInterval}
 * brings it back when it answers again, without a restart.
 */
public final class UpstreamPool implements AutoCloseable {

    /** Asked of servers marked down: any resolver answers the root's NS set from its priming. */
    private static final UpstreamQuery PROBE = new UpstreamQuery(Question.of(".", Type.NS, DClass.IN), false, false);

    /** Replaced whole when the admin page changes the upstreams; a resolution keeps the list it began with. */
    private volatile List<UpstreamHealth> upstreams;
    private final UpstreamConfig config;
    private final UpstreamClient client;
    private final SecureRandom random = new SecureRandom();
    private final LongAdder failed = new LongAdder();
    /** Resolutions started and not yet ended: at most upstream.maxInFlight. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder overloaded = new LongAdder();
    private volatile boolean closed;
    private volatile Future<?> probeTimer;

    private UpstreamPool(List<InetSocketAddress> servers, UpstreamConfig config, UpstreamClient client) {
        List<UpstreamHealth> list = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            list.add(new UpstreamHealth(server));
        }
        this.upstreams = List.copyOf(list);
        this.config = config;
        this.client = client;
    }

    /**
     * Starts asking {@code servers} (in this order of preference) on the transport's event loops.
     *
     * @throws IllegalArgumentException if there is no server
     */
    public static UpstreamPool start(List<InetSocketAddress> servers, UpstreamConfig config, NettyTransport transport) {
        if (servers == null || servers.isEmpty()) {
            throw new IllegalArgumentException("upstreams: at least one upstream server is needed");
        }
        UpstreamPool pool = new UpstreamPool(servers, config, new UpstreamClient(transport));
        pool.scheduleProbe();
        return pool;
    }

    /**
     * Asks the upstreams until one answers or {@code deadline} passes. The future completes with the
     * upstream's response as an {@link Answer} (source UPSTREAM, OPT record removed, the upstream's
     * Extended DNS Error if it sent one), or fails with {@link UpstreamFailedException}; it always
     * completes within the deadline. When upstream.maxInFlight questions are already waiting it
     * fails at once, without asking anyone.
     */
    public CompletableFuture<Answer> resolve(UpstreamQuery query) {
        if (closed) {
            return refuse(query, "upstream pool is closed");
        }
        if (inFlight.incrementAndGet() > config.maxInFlight()) {
            inFlight.decrementAndGet();
            overloaded.increment();
            return refuse(query, config.maxInFlight() + " questions are already waiting on the upstreams"
                    + " (upstream.maxInFlight)");
        }
        long deadline = System.nanoTime() + config.deadline().toNanos();
        Resolution resolution = new Resolution(this, query, candidates(), deadline);
        Future<?> timer;
        try {
            timer = client.schedule(resolution::deadlinePassed, config.deadline().toNanos());
        } catch (RuntimeException e) {
            // The event loops are shutting down; failing the resolution also releases its place.
            resolution.fail("cannot start: " + e);
            return resolution.result();
        }
        resolution.deadlineTimer(timer);
        resolution.next();
        return resolution.result();
    }

    /** Servers that are up in configured order, then those marked down as a last resort. */
    List<UpstreamHealth> candidates() {
        List<UpstreamHealth> all = upstreams;
        boolean anyDown = false;
        for (UpstreamHealth upstream : all) {
            anyDown |= upstream.isDown();
        }
        if (!anyDown) {
            return all; // the usual case, and immutable: no list to make for each question
        }
        List<UpstreamHealth> order = new ArrayList<>(all.size());
        for (UpstreamHealth upstream : all) {
            if (!upstream.isDown()) {
                order.add(upstream);
            }
        }
        for (UpstreamHealth upstream : all) {
            if (upstream.isDown()) {
                order.add(upstream);
            }
        }
        return order;
    }

    /** Whether the server is marked down right now (for the admin page and tests). */
    public boolean isDown(InetSocketAddress server) {
        return upstreams.stream().anyMatch(u -> u.server().equals(server) && u.isDown());
    }

    /**
     * Asks {@code servers} from now on, in this order; a server kept from before keeps its health.
     * Resolutions already under way finish with the servers they started with.
     *
     * @throws IllegalArgumentException if there is no server
     */
    public void reconfigure(List<InetSocketAddress> servers) {
        if (servers == null || servers.isEmpty()) {
            throw new IllegalArgumentException("upstreams: at least one upstream server is needed");
        }
        List<UpstreamHealth> before = upstreams;
        List<UpstreamHealth> next = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            next.add(before.stream().filter(u -> u.server().equals(server)).findFirst()
                    .orElseGet(() -> new UpstreamHealth(server)));
        }
        upstreams = List.copyOf(next);
    }

    public List<InetSocketAddress> servers() {
        return upstreams.stream().map(UpstreamHealth::server).toList();
    }

    /** Questions no upstream answered (each became SERVFAIL or a stale answer). */
    public long failedCount() {
        return failed.sum();
    }

    /** Questions waiting on the upstreams now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Questions failed at once because upstream.maxInFlight were already waiting. */
    public long overloadedCount() {
        return overloaded.sum();
    }

    void failed() {
        failed.increment();
    }

    /** A resolution ended; called before its result completes, so its callers see the count. */
    void released() {
        inFlight.decrementAndGet();
    }

    private CompletableFuture<Answer> refuse(UpstreamQuery query, String summary) {
        failed();
        return CompletableFuture.failedFuture(new UpstreamFailedException(query.question(), summary, List.of()));
    }

    /** Replies dropped for failing checks, timeouts, TCP retries. */
    public UpstreamCounters counters() {
        return client.counters();
    }

    UpstreamClient client() {
        return client;
    }

    UpstreamConfig config() {
        return config;
    }

    int randomId() {
        return random.nextInt(0x10000);
    }

    /** Stops probing. Queries in flight still end by their own deadline. */
    @Override
    public void close() {
        closed = true;
        Future<?> timer = probeTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void scheduleProbe() {
        if (!closed) {
            probeTimer = client.schedule(this::probe, config.probeInterval().toNanos());
        }
    }

    private void probe() {
        for (UpstreamHealth upstream : upstreams) {
            if (upstream.isDown()) {
                client.exchange(upstream.server(), PROBE.encode(randomId()), config.timeout().toNanos())
                        .whenComplete((reply, failure) -> {
                            // Only a real answer counts: a server that refuses or fails everything
                            // would otherwise flap between up and down on every probe.
                            if (failure == null && (reply.message().rcode() == Rcode.NOERROR
                                    || reply.message().rcode() == Rcode.NXDOMAIN)) {
                                upstream.succeeded();
                            }
                        });
            }
        }
        scheduleProbe();
    }
}
