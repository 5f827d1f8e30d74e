package org.hearth.gateway.dns;

import org.hearth.gateway.query.QueryContext;

/** What the edge makes of one incoming packet: a query for the chain, an error reply, or nothing. */
sealed interface Decoded {

    /**
     * A well-formed query.
     *
     * @param question the question entry as the client sent it (name uncompressed, mixed case kept,
     *     type, class): copied into the answer so the client sees its own question back
     * @param flags the query's second header word, for RD and CD
     */
    record Query(QueryContext context, byte[] question, int flags) implements Decoded {}

    /** An answer the edge makes without the chain: FORMERR, NOTIMP, BADVERS. */
    record Reply(byte[] message, int rcode, String reason) implements Decoded {}

    /** Nothing is sent: the header is unreadable, or the packet is a response (answering could loop). */
    record Drop(String reason) implements Decoded {}
}
