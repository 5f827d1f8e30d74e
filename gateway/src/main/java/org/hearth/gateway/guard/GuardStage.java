package org.hearth.gateway.guard;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;
import org.hearth.gateway.query.Responses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Rcode;

/**
 * Answers only clients in dns.allow; everyone else gets REFUSED, so the box is never an open
 * resolver. REFUSED rather than silence: a misconfigured device on the network learns at once that
 * it is not allowed instead of timing out, and a REFUSED answer is no bigger than the question, so
 * it gives no amplification to a spoofed source. A client in dns.allow that asks faster than
 * dns.rateLimit gets REFUSED for the excess too, for the same reasons.
 */
public final class GuardStage implements QueryStage {

    private static final Logger LOG = LoggerFactory.getLogger(GuardStage.class);

    private final AccessList access;
    private final ClientRateLimiter rateLimiter;
    /** Built once: a flood is exactly when the refusals must cost nothing extra. */
    private final Answer.ExtendedError overRate;
    private final LongAdder refused = new LongAdder();

    /** Without a rate limit. */
    public GuardStage(AccessList access) {
        this(access, new ClientRateLimiter(0, 1, System::nanoTime));
    }

    public GuardStage(AccessList access, ClientRateLimiter rateLimiter) {
        this.access = access;
        this.rateLimiter = rateLimiter;
        // RFC 8914 has no code for a rate limit; Other with a text tells whoever runs dig why.
        this.overRate = new Answer.ExtendedError(Answer.ExtendedError.OTHER,
                "rate limit: more than " + rateLimiter.perSecond() + " queries a second from this client");
    }

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        if (query.client() == null || !access.allows(query.client().getAddress())) {
            refused.increment();
            return CompletableFuture.completedFuture(
                    new Answer(Responses.rcode(query.question(), Rcode.REFUSED), Answer.Source.ERROR,
                            new Answer.ExtendedError(Answer.ExtendedError.PROHIBITED, "client not in dns.allow")));
        }
        InetAddress client = query.client().getAddress();
        if (!rateLimiter.tryAcquire(client)) {
            if (rateLimiter.firstLimitOf(client)) {
                LOG.warn("{} asks more than dns.rateLimit ({} queries a second): refusing the excess",
                        client.getHostAddress(), rateLimiter.perSecond());
            }
            return CompletableFuture.completedFuture(
                    new Answer(Responses.rcode(query.question(), Rcode.REFUSED), Answer.Source.ERROR, overRate));
        }
        return next.handle(query);
    }

    /**
     * Whether a reply made without the chain (a malformed packet's FORMERR) may go to
     * {@code client}: in dns.allow and within its rate, which the packet spends like a query.
     */
    public boolean mayReply(InetSocketAddress client) {
        return client != null && access.allows(client.getAddress()) && rateLimiter.tryAcquire(client.getAddress());
    }

    /** Queries refused so far for a client outside dns.allow. */
    public long refused() {
        return refused.sum();
    }

    /** Queries refused so far for being over their client's dns.rateLimit. */
    public long rateLimited() {
        return rateLimiter.limited();
    }
}
