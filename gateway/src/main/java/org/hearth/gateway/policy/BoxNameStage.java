package org.hearth.gateway.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.QueryStage;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Responses;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Answers the box's own name ({@code blocking.boxName}, hearth.lan by default) with the address
 * the question came in on, so that a device on any of the box's networks reaches the box's pages
 * by name. The name is never forwarded: an upstream knows nothing of it, and asking would leak it.
 */
public final class BoxNameStage implements QueryStage {

    /** Long enough to spare repeated lookups, short enough to follow the box to a new address. */
    private static final long TTL = 60;

    private final PolicySnapshots policy;

    public BoxNameStage(PolicySnapshots policy) {
        this.policy = policy;
    }

    @Override
    public CompletionStage<Answer> handle(QueryContext query, Chain next) {
        String boxName = policy.current().boxName();
        if (boxName == null || !boxName.equals(query.question().key())) {
            return next.handle(query);
        }
        return CompletableFuture.completedFuture(answer(query));
    }

    static Answer answer(QueryContext query) {
        Question q = query.question();
        InetAddress local = query.local() == null ? null : query.local().getAddress();
        List<Record> records = List.of();
        if (local != null && !local.isAnyLocalAddress()) {
            Name owner = Responses.name(q);
            if (q.type() == Type.A && local instanceof Inet4Address v4) {
                records = List.of(new ARecord(owner, DClass.IN, TTL, v4));
            } else if (q.type() == Type.AAAA && local instanceof Inet6Address v6 && !isMappedV4(v6)) {
                records = List.of(new AAAARecord(owner, DClass.IN, TTL, v6));
            }
        }
        // Any other type, or the other address family: the name exists, with no such record (NODATA).
        return new Answer(Responses.build(q, Rcode.NOERROR, records, List.of()), Answer.Source.LOCAL);
    }

    private static boolean isMappedV4(Inet6Address address) {
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }
}
