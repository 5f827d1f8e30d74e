package org.hearth.gateway.query;

import java.net.InetSocketAddress;

/**
 * One DNS question on its way through the chain. Immutable; stages that learn something (the
 * Identify stage) hand on a copy.
 *
 * @param id the client's query ID, echoed in the answer
 * @param question the single question
 * @param recursionDesired the RD bit, echoed in the answer
 * @param checkingDisabled the CD bit, passed upstream and part of the cache key
 * @param edns the client's OPT record, or null when it sent none
 * @param client the client's socket address (what the ACL judges; cannot be forged over TCP)
 * @param local the address the query came in on (the box's own name resolves to it)
 * @param transport UDP or TCP
 * @param arrivalNanos {@link System#nanoTime()} at decode, for latency metrics
 * @param identity device and profile, null until the Identify stage ran
 */
public record QueryContext(
        int id,
        Question question,
        boolean recursionDesired,
        boolean checkingDisabled,
        Edns edns,
        InetSocketAddress client,
        InetSocketAddress local,
        Transport transport,
        long arrivalNanos,
        ClientIdentity identity) {

    /** The DO bit: the client wants DNSSEC records. */
    public boolean dnssecOk() {
        return edns != null && edns.dnssecOk();
    }

    public QueryContext withIdentity(ClientIdentity identity) {
        return new QueryContext(id, question, recursionDesired, checkingDisabled, edns, client, local,
                transport, arrivalNanos, identity);
    }
}
