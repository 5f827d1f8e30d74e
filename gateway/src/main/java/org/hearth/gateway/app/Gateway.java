package org.hearth.gateway.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.dns.DnsListeners;
import org.hearth.gateway.dns.EdgeCounters;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.dns.QueryDispatcher;
import org.hearth.gateway.guard.AccessList;
import org.hearth.gateway.guard.GuardStage;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.resolve.AnswerCache;
import org.hearth.gateway.resolve.CacheStage;
import org.hearth.gateway.resolve.ForwardStage;
import org.hearth.gateway.resolve.UpstreamAddress;
import org.hearth.gateway.resolve.UpstreamPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running DNS gateway: event loops, the stage chain, and the listeners; one per process. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** How long close() lets queries already read finish; past the upstream deadline they would fail anyway. */
    private static final Duration DRAIN = Duration.ofSeconds(3);

    private final NettyTransport transport;
    private final UpstreamPool upstreams;
    private final QueryDispatcher dispatcher;
    private final DnsListeners listeners;
    private boolean closed;

    private Gateway(NettyTransport transport, UpstreamPool upstreams, QueryDispatcher dispatcher,
            DnsListeners listeners) {
        this.transport = transport;
        this.upstreams = upstreams;
        this.dispatcher = dispatcher;
        this.listeners = listeners;
    }

    /**
     * Starts the gateway and returns once every dns.listen address is bound for UDP and TCP.
     *
     * @throws java.io.IOException naming the address and the reason when one cannot be bound
     * @throws IllegalArgumentException when dns.allow or upstreams has an entry that is not an
     *     address, or there is no upstream
     */
    public static Gateway start(LoadedConfig config) throws Exception {
        return start(config, Ticker.systemTicker());
    }

    /** As {@link #start(LoadedConfig)}, with the clock the answer cache ages entries by (tests move it). */
    public static Gateway start(LoadedConfig config, Ticker ticker) throws Exception {
        var settings = config.config();
        // Checked before any thread or socket exists, so a bad config leaves nothing to clean up.
        AccessList access = AccessList.of(settings.dns().allow());
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String upstream : settings.upstreams()) {
            servers.add(UpstreamAddress.parse(upstream));
        }
        NettyTransport transport = NettyTransport.create(0, true);
        UpstreamPool pool = null;
        try {
            pool = UpstreamPool.start(servers, settings.upstream(), transport);
            Chain chain = Chain.of(
                    // first: judges the socket address, which a query cannot forge, before any work is done
                    new GuardStage(access),
                    // (the lead inserts identify and policy here: above the cache, so a cached answer
                    // never outlives a profile change)
                    // before forwarding: a hit costs no upstream round trip, and coalesces identical misses
                    new CacheStage(new AnswerCache(settings.cache(), ticker)),
                    // last: the only stage that never hands on; it always answers within the deadline
                    new ForwardStage(pool));
            QueryDispatcher dispatcher = new QueryDispatcher(chain, new EdgeCounters());
            DnsListeners listeners = DnsListeners.bind(settings.dns(), transport, dispatcher);
            LOG.info("DNS gateway started: upstreams {}, allow {}", settings.upstreams(), settings.dns().allow());
            return new Gateway(transport, pool, dispatcher, listeners);
        } catch (Exception | Error e) {
            if (pool != null) {
                pool.close();
            }
            transport.close();
            throw e;
        }
    }

    /** The addresses actually bound (the real port when the config said 0), in config order. */
    public List<InetSocketAddress> dnsAddresses() {
        return listeners.addresses();
    }

    /** What the edge dropped, refused, truncated: for metrics and tests. */
    public EdgeCounters counters() {
        return dispatcher.counters();
    }

    /** Stops accepting, lets queries already read finish (bounded), then closes sockets and loops. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.stopAccepting();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // waiting on other threads' work; the caller is never an event loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (dispatcher.inFlight() > 0) {
            LOG.warn("closing with {} queries unanswered", dispatcher.inFlight());
        }
        listeners.close();
        upstreams.close();
        transport.close();
        LOG.info("DNS gateway stopped");
    }
}
