package org.hearth.gateway.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Responses;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Builds the answer to a blocked question. Every block carries an RFC 8914 Extended DNS Error 15
 * "Blocked" whose text says why (the edge attaches it whenever the query had EDNS). TTLs are short
 * so that an unblock takes effect at once; negative answers carry an SOA whose TTL and minimum are
 * that same short TTL, which bounds negative caching (RFC 2308 section 5).
 */
public final class BlockedAnswers {

    /** EDE texts are for people and logs; keep them well inside a UDP answer. */
    private static final int MAX_TEXT = 200;
    private static final InetAddress ZERO4 = literal(new byte[4]);
    private static final InetAddress ZERO6 = literal(new byte[16]);

    private BlockedAnswers() {}

    /** The answer for {@code decision}, using the block TTL and box name of {@code policy}. */
    public static Answer of(QueryContext query, Decision.Blocked decision, PolicySnapshot policy) {
        Question q = query.question();
        long ttl = policy.blockTtl().toSeconds();
        Name owner = Responses.name(q);
        byte[] bytes = switch (decision.response()) {
            case NXDOMAIN -> Responses.build(q, Rcode.NXDOMAIN, List.of(), List.of(soa(owner, policy, ttl)));
            case NODATA -> nodata(q, owner, policy, ttl);
            case ZERO_IP -> address(q, owner, policy, ttl, ZERO4, ZERO6);
            case BLOCKPAGE -> blockPage(query, owner, policy, ttl);
        };
        return new Answer(bytes, Answer.Source.POLICY,
                new Answer.ExtendedError(Answer.ExtendedError.BLOCKED, text(decision)));
    }

    static String text(Decision.Blocked decision) {
        String t = "Blocked: " + decision.reason().text();
        return t.length() <= MAX_TEXT ? t : t.substring(0, MAX_TEXT);
    }

    private static byte[] blockPage(QueryContext query, Name owner, PolicySnapshot policy, long ttl) {
        InetAddress local = query.local() == null ? null : query.local().getAddress();
        if (local == null || local.isAnyLocalAddress()) {
            // Bound to a wildcard and no recipient address known: no page to point at, fall back to zero-ip.
            return address(query.question(), owner, policy, ttl, ZERO4, ZERO6);
        }
        InetAddress v4 = local instanceof Inet4Address ? local : null;
        InetAddress v6 = local instanceof Inet6Address ? local : null;
        return address(query.question(), owner, policy, ttl, v4, v6);
    }

    /** A for A, AAAA for AAAA when an address of that family is given; NODATA otherwise. */
    private static byte[] address(Question q, Name owner, PolicySnapshot policy, long ttl, InetAddress v4,
            InetAddress v6) {
        if (q.type() == Type.A && v4 != null) {
            return Responses.build(q, Rcode.NOERROR, List.of(new ARecord(owner, q.dclass(), ttl, v4)), List.of());
        }
        if (q.type() == Type.AAAA && v6 != null) {
            return Responses.build(q, Rcode.NOERROR, List.of(new AAAARecord(owner, q.dclass(), ttl, v6)), List.of());
        }
        return nodata(q, owner, policy, ttl);
    }

    private static byte[] nodata(Question q, Name owner, PolicySnapshot policy, long ttl) {
        return Responses.build(q, Rcode.NOERROR, List.of(), List.of(soa(owner, policy, ttl)));
    }

    private static Record soa(Name owner, PolicySnapshot policy, long ttl) {
        try {
            Name box = Name.fromString(policy.boxName(), Name.root);
            Name admin = Name.fromString("hostmaster." + policy.boxName(), Name.root);
            return new SOARecord(owner, 1, ttl, box, admin, 1, 3600, 600, 86400, ttl);
        } catch (TextParseException e) {
            throw new IllegalStateException("box name was validated at compile time: " + policy.boxName(), e);
        }
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
