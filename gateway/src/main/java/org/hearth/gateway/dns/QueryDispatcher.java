package org.hearth.gateway.dns;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Responses;
import org.hearth.gateway.query.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * The one place where a packet becomes an answer, shared by UDP and TCP: decode, run the chain,
 * turn every failure into SERVFAIL, finish the answer for the client. Knows no Netty types, so it
 * is tested with plain byte arrays.
 */
public final class QueryDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(QueryDispatcher.class);
    private static final int TCP_MAX = 65535;
    private static final int UDP_WITHOUT_EDNS = 512;

    private final Chain chain;
    private final EdgeCounters counters;
    /** Whether the edge's own error replies (FORMERR, NOTIMP, BADVERS) may go to this client. */
    private final Predicate<InetSocketAddress> mayReply;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Sends its error replies to every client. */
    public QueryDispatcher(Chain chain, EdgeCounters counters) {
        this(chain, counters, client -> true);
    }

    /**
     * @param mayReply judges a client before the edge answers a packet the chain never sees: the
     *     gateway passes its guard, so a client outside dns.allow (or over its rate) that sends
     *     garbage gets silence, like any other packet dropped, not a reply it could aim at a
     *     spoofed victim
     */
    public QueryDispatcher(Chain chain, EdgeCounters counters, Predicate<InetSocketAddress> mayReply) {
        this.chain = chain;
        this.counters = counters;
        this.mayReply = mayReply;
    }

    /**
     * Completes with the bytes to send back, or with null when nothing is sent (the packet was
     * dropped). Never completes exceptionally and never throws.
     */
    public CompletionStage<byte[]> dispatch(byte[] packet, InetSocketAddress client, InetSocketAddress local,
            Transport transport) {
        Decoded decoded = QueryDecoder.decode(packet, client, local, transport);
        if (decoded instanceof Decoded.Drop drop) {
            counters.dropped.increment();
            LOG.debug("dropped a packet from {}: {}", client, drop.reason());
            return CompletableFuture.completedFuture(null);
        }
        if (decoded instanceof Decoded.Reply reply) {
            if (!mayReply.test(client)) {
                counters.dropped.increment();
                LOG.debug("dropped a packet from {} that the guard refuses: {}", client, reply.reason());
                return CompletableFuture.completedFuture(null);
            }
            count(reply.rcode());
            LOG.debug("answered {} with rcode {}: {}", client, reply.rcode(), reply.reason());
            return CompletableFuture.completedFuture(reply.message());
        }
        Decoded.Query query = (Decoded.Query) decoded;
        counters.queries.increment();
        inFlight.incrementAndGet();
        CompletionStage<Answer> answer;
        try {
            answer = chain.handle(query.context());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((a, failure) -> {
            try {
                return finish(query, a, failure);
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /** Queries handed to the chain and not yet answered; the gateway waits for zero when it closes. */
    public int inFlight() {
        return inFlight.get();
    }

    public EdgeCounters counters() {
        return counters;
    }

    private byte[] finish(Decoded.Query query, Answer answer, Throwable failure) {
        int maxSize = maxSize(query);
        if (failure == null && answer != null) {
            try {
                byte[] out = AnswerEncoder.encode(query, answer, maxSize);
                if (AnswerEncoder.truncated(out) && query.context().transport() == Transport.UDP) {
                    counters.truncated.increment();
                }
                return out;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        counters.servFail.increment();
        LOG.debug("SERVFAIL for {}: {}", query.context().question(), failure == null ? "no answer" : failure.toString());
        try {
            return AnswerEncoder.encode(query, Responses.servfail(query.context().question()), maxSize);
        } catch (RuntimeException e) {
            // The question itself cannot be rebuilt (should not happen: it was parsed from the wire);
            // an error reply from the raw bytes still tells the client to stop waiting.
            return QueryDecoder.errorReply(query.context().id(), query.flags(), Rcode.SERVFAIL, query.question(),
                    query.context().edns());
        }
    }

    private static int maxSize(Decoded.Query query) {
        if (query.context().transport() == Transport.TCP) {
            return TCP_MAX;
        }
        var edns = query.context().edns();
        // Never more than we advertise, whatever the client offers: see OptRecord.UDP_SIZE.
        return edns == null ? UDP_WITHOUT_EDNS : Math.min(edns.udpSize(), OptRecord.UDP_SIZE);
    }

    private void count(int rcode) {
        switch (rcode) {
            case Rcode.FORMERR -> counters.formErr.increment();
            case Rcode.NOTIMP -> counters.notImp.increment();
            case Rcode.BADVERS -> counters.badVers.increment();
            default -> { }
        }
    }
}
