package org.hearth.gateway.app;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.dns.DnsListeners;
import org.hearth.gateway.dns.EdgeCounters;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.dns.QueryDispatcher;
import org.hearth.gateway.guard.AccessList;
import org.hearth.gateway.guard.GuardStage;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running DNS gateway: event loops, the stage chain, and the listeners; one per process. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** How long close() lets queries already read finish; past the upstream deadline they would fail anyway. */
    private static final Duration DRAIN = Duration.ofSeconds(3);

    private final NettyTransport transport;
    private final QueryDispatcher dispatcher;
    private final DnsListeners listeners;
    private boolean closed;

    private Gateway(NettyTransport transport, QueryDispatcher dispatcher, DnsListeners listeners) {
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.listeners = listeners;
    }

    /**
     * Starts the gateway and returns once every dns.listen address is bound for UDP and TCP.
     *
     * @throws java.io.IOException naming the address and the reason when one cannot be bound
     * @throws IllegalArgumentException when dns.allow has an entry that is not a network
     */
    public static Gateway start(LoadedConfig config) throws Exception {
        var settings = config.config();
        AccessList access = AccessList.of(settings.dns().allow());
        NettyTransport transport = NettyTransport.create(0, true);
        try {
            Chain chain = Chain.of(
                    new GuardStage(access), // first: judges the socket address, which a query cannot forge
                    (query, next) -> CompletableFuture.completedFuture(Responses.servfail(query.question())));
            QueryDispatcher dispatcher = new QueryDispatcher(chain, new EdgeCounters());
            DnsListeners listeners = DnsListeners.bind(settings.dns(), transport, dispatcher);
            return new Gateway(transport, dispatcher, listeners);
        } catch (Exception | Error e) {
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
        transport.close();
        LOG.info("DNS gateway stopped");
    }
}
