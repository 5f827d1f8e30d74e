package org.hearth.gateway.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's HTTP/1.1 connections with two bounds Jetty does not have: connections per client
 * address, and a deadline for a request's head (line and headers) however slowly it trickles in.
 * Jetty's idle timeout restarts with every byte, so a client sending one every few seconds would
 * otherwise hold a connection for ever; with enough of them, the admin page would be unreachable.
 *
 * <p>The head's progress is read from the parser on the connection's own thread, after each
 * read, and published in one volatile field; a task on the connector's scheduler closes the
 * connection once that deadline has passed. Nothing blocks and nothing else is shared.
 */
final class AdminConnectionGuard extends HttpConnectionFactory {

    private static final Logger LOG = LoggerFactory.getLogger(AdminConnectionGuard.class);

    private final AdminHttpLimits limits;
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong cutOff = new AtomicLong();

    AdminConnectionGuard(HttpConfiguration config, AdminHttpLimits limits) {
        super(config);
        this.limits = limits;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        Guarded connection = new Guarded(getHttpConfiguration(), connector, endPoint,
                isRecordHttpComplianceViolations());
        connection.setUseInputDirectByteBuffers(isUseInputDirectByteBuffers());
        connection.setUseOutputDirectByteBuffers(isUseOutputDirectByteBuffers());
        return configure(connection, connector, endPoint);
    }

    /** Connections closed at once because their address already had its share. */
    long refused() {
        return refused.get();
    }

    /** Connections closed because a request's head did not arrive in time. */
    long cutOff() {
        return cutOff.get();
    }

    private boolean admit(InetAddress client) {
        boolean[] admitted = {false};
        perClient.compute(client, (address, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < limits.maxConnectionsPerClient();
            return admitted[0] ? now + 1 : now == 0 ? null : now;
        });
        return admitted[0];
    }

    private void release(InetAddress client) {
        perClient.computeIfPresent(client, (address, count) -> count <= 1 ? null : count - 1);
    }

    private final class Guarded extends HttpConnection {

        /** System.nanoTime() when the pending request's head began, or 0 when none is pending. */
        private volatile long headSince;
        private InetAddress client;
        private boolean admitted;

        Guarded(HttpConfiguration config, Connector connector, EndPoint endPoint, boolean recordViolations) {
            super(config, connector, endPoint, recordViolations);
        }

        @Override
        public void onOpen() {
            super.onOpen();
            // The first request's head is due from the moment the connection opens: a client that
            // connects and says nothing is as slow as one that trickles.
            headSince = System.nanoTime();
            client = address(getEndPoint().getRemoteSocketAddress());
            admitted = client == null || admit(client);
            if (!admitted) {
                long n = refused.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("admin: {} has {} connections open already; closing its new ones ({} so far)",
                            client.getHostAddress(), limits.maxConnectionsPerClient(), n);
                }
                getEndPoint().close();
                return;
            }
            scheduleCheck(limits.headerTimeout().toNanos());
        }

        @Override
        public void onClose(Throwable cause) {
            if (admitted && client != null) {
                admitted = false;
                release(client);
            }
            super.onClose(cause);
        }

        @Override
        public void onFillable() {
            super.onFillable();
            HttpParser parser = getParser();
            if (parser.isStart()) {
                // Between requests: the idle timeout governs a quiet keep-alive connection. Before
                // the first request the deadline set at opening stands.
                if (getMessagesIn() > 0) {
                    headSince = 0;
                }
            } else if (parser.inHeaderState()) {
                headSince = parser.getBeginNanoTime();
            } else {
                headSince = 0; // the head is in: a slow body is the request data rate's business
            }
        }

        private void scheduleCheck(long delayNanos) {
            try {
                getConnector().getScheduler().schedule(this::check, Math.max(delayNanos, 1_000_000),
                        TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the server is stopping: it closes the connection itself
            }
        }

        private void check() {
            if (!getEndPoint().isOpen()) {
                return;
            }
            long since = headSince;
            long timeout = limits.headerTimeout().toNanos();
            long late = since == 0 ? -1 : System.nanoTime() - since - timeout;
            if (late >= 0) {
                long n = cutOff.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("admin: closed a connection from {} whose request head took over {} ({} so far)",
                            client == null ? "?" : client.getHostAddress(), limits.headerTimeout(), n);
                }
                getEndPoint().close();
                return;
            }
            scheduleCheck(since == 0 ? timeout : -late);
        }
    }

    private static InetAddress address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
