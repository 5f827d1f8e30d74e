package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * The {@code dns:} section: where the gateway listens and who may ask.
 *
 * @param listen addresses ("127.0.0.1:5353", "[::1]:5353"; port 53 when omitted), UDP and TCP on each.
 *     On a wildcard ("0.0.0.0:53", "[::]:53") UDP is also bound on each address of the interfaces
 *     that are up, looked at again every 30 s, so an answer leaves from the address its question
 *     was sent to (clients drop one from another address of the box); the wildcard serves the rest
 * @param allow client networks (CIDR) that get answers; default loopback and private ranges, so a
 *     box exposed by mistake is not an open resolver
 * @param tcpIdleTimeout a TCP connection with no query for this long is closed (RFC 7766), as is
 *     one whose query, begun, is not whole this long after its first byte
 * @param maxTcpConnections connections beyond this are refused
 * @param maxTcpQueriesInFlight pipelined queries answered concurrently on one TCP connection
 * @param rateLimit queries a second one client address may ask, sustained; beyond it the excess
 *     gets REFUSED; 0 turns limiting off
 * @param rateLimitBurst queries a client that was quiet may ask at once before rateLimit applies
 * @param maxTcpConnectionsPerClient connections from one client address beyond this are refused
 * @param rateLimitExempt client networks (CIDR) rateLimit never applies to; default loopback, the
 *     box's own processes
 * @param udpSockets UDP sockets per listen address (and per address under a wildcard), each read
 *     by its own event loop, the kernel spreading clients over them (SO_REUSEPORT; native epoll
 *     only, NIO always uses one); 0, the default, means one per CPU the JVM may use, at most
 *     {@link #MAX_UDP_SOCKETS}
 */
public record DnsConfig(
        @JsonProperty("listen") List<String> listen,
        @JsonProperty("allow") List<String> allow,
        @JsonProperty("tcpIdleTimeout") Duration tcpIdleTimeout,
        @JsonProperty("maxTcpConnections") Integer maxTcpConnections,
        @JsonProperty("maxTcpQueriesInFlight") Integer maxTcpQueriesInFlight,
        @JsonProperty("rateLimit") Integer rateLimit,
        @JsonProperty("rateLimitBurst") Integer rateLimitBurst,
        @JsonProperty("maxTcpConnectionsPerClient") Integer maxTcpConnectionsPerClient,
        @JsonProperty("rateLimitExempt") List<String> rateLimitExempt,
        @JsonProperty("udpSockets") Integer udpSockets) {

    public static final List<String> DEFAULT_LISTEN = List.of("127.0.0.1:5353", "[::1]:5353");
    /**
     * Loopback, RFC 1918, ULA and link-local: the networks a home has. Not the CGNAT shared space
     * 100.64.0.0/10: RFC 6598 gives it to the ISP's side, which is the box's WAN side when it
     * routes, so allowing it would answer the ISP's other subscribers (add it for a tailnet).
     */
    public static final List<String> DEFAULT_ALLOW = List.of(
            "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "169.254.0.0/16", "::1/128", "fc00::/7", "fe80::/10");
    public static final List<String> DEFAULT_RATE_LIMIT_EXEMPT = List.of("127.0.0.0/8", "::1/128");
    /** Beyond a socket per core nothing is gained; the bound keeps a typo from opening thousands. */
    public static final int MAX_UDP_SOCKETS = 64;

    public DnsConfig {
        listen = listen == null ? DEFAULT_LISTEN : List.copyOf(listen);
        allow = allow == null ? DEFAULT_ALLOW : List.copyOf(allow);
        tcpIdleTimeout = tcpIdleTimeout == null ? Duration.ofSeconds(10) : tcpIdleTimeout;
        maxTcpConnections = maxTcpConnections == null ? 256 : maxTcpConnections;
        maxTcpQueriesInFlight = maxTcpQueriesInFlight == null ? 32 : maxTcpQueriesInFlight;
        // Far above what a household or a router forwarding for one asks (a few a second, a page
        // load's burst of a hundred names), far below what one looping or infected device can send.
        rateLimit = rateLimit == null ? 200 : rateLimit;
        rateLimitBurst = rateLimitBurst == null ? 1000 : rateLimitBurst;
        // A resolver needs one or two TCP connections (RFC 7766 pipelining); an eighth of the
        // default 256 leaves room for seven more clients holding theirs open to the last.
        maxTcpConnectionsPerClient = maxTcpConnectionsPerClient == null ? 32 : maxTcpConnectionsPerClient;
        rateLimitExempt = rateLimitExempt == null ? DEFAULT_RATE_LIMIT_EXEMPT : List.copyOf(rateLimitExempt);
        udpSockets = udpSockets == null ? 0 : udpSockets;
    }

    /** The UDP sockets to open per address: {@code udpSockets}, or one per usable CPU when it is 0. */
    public int udpSocketCount() {
        return udpSockets > 0 ? udpSockets
                : Math.min(Runtime.getRuntime().availableProcessors(), MAX_UDP_SOCKETS);
    }
}
