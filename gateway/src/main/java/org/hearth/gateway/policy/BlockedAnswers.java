package org.hearth.gateway.policy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Responses;
import org.hearth.gateway.query.WireResponse;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
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

    /** The last SOA data made; racing writers make equal values, so a plain volatile is enough. */
    private static volatile SoaData soa;

    private BlockedAnswers() {}

    /** The answer for {@code decision}, using the block TTL and box name of {@code policy}. */
    public static Answer of(QueryContext query, Decision.Blocked decision, PolicySnapshot policy) {
        Question q = query.question();
        long ttl = policy.blockTtl().toSeconds();
        byte[] bytes = switch (decision.response()) {
            case NXDOMAIN -> WireResponse.build(q, Rcode.NXDOMAIN, Type.SOA, DClass.IN, ttl, soaData(policy, ttl), true);
            case NODATA -> nodata(q, policy, ttl);
            case ZERO_IP -> address(q, policy, ttl, ZERO4, ZERO6);
            case BLOCKPAGE -> blockPage(query, policy, ttl);
        };
        if (bytes == null) {
            bytes = viaDnsjava(query, decision, policy, ttl);
        }
        return new Answer(bytes, Answer.Source.POLICY,
                Answer.ExtendedError.lazy(Answer.ExtendedError.BLOCKED, () -> text(decision)));
    }

    static String text(Decision.Blocked decision) {
        String t = "Blocked: " + decision.reason().text();
        return t.length() <= MAX_TEXT ? t : t.substring(0, MAX_TEXT);
    }

    private static byte[] blockPage(QueryContext query, PolicySnapshot policy, long ttl) {
        InetAddress local = query.local() == null ? null : query.local().getAddress();
        if (local == null || local.isAnyLocalAddress()) {
            // Bound to a wildcard and no recipient address known: no page to point at, fall back to zero-ip.
            return address(query.question(), policy, ttl, ZERO4, ZERO6);
        }
        InetAddress v4 = local instanceof Inet4Address ? local : null;
        InetAddress v6 = local instanceof Inet6Address ? local : null;
        return address(query.question(), policy, ttl, v4, v6);
    }

    /**
     * A for A, AAAA for AAAA when an address of that family is given; NODATA otherwise. Null, as
     * from every builder here, when {@link WireResponse} cannot write the name.
     */
    private static byte[] address(Question q, PolicySnapshot policy, long ttl, InetAddress v4, InetAddress v6) {
        if (q.type() == Type.A && v4 != null) {
            return WireResponse.build(q, Rcode.NOERROR, Type.A, q.dclass(), ttl, v4.getAddress(), false);
        }
        if (q.type() == Type.AAAA && v6 != null) {
            return WireResponse.build(q, Rcode.NOERROR, Type.AAAA, q.dclass(), ttl, v6.getAddress(), false);
        }
        return nodata(q, policy, ttl);
    }

    private static byte[] nodata(Question q, PolicySnapshot policy, long ttl) {
        return WireResponse.build(q, Rcode.NOERROR, Type.SOA, DClass.IN, ttl, soaData(policy, ttl), true);
    }

    /**
     * The SOA's data for this box name and TTL: serial 1, refresh 3600, retry 600, expire 86400,
     * minimum the block TTL. Made once per box name and TTL; both change only with the config.
     */
    private static byte[] soaData(PolicySnapshot policy, long ttl) {
        SoaData known = soa;
        if (known != null && known.ttl() == ttl && known.boxName().equals(policy.boxName())) {
            return known.bytes();
        }
        SOARecord record = (SOARecord) soaRecord(Name.root, policy, ttl);
        byte[] host = record.getHost().toWire();
        byte[] admin = record.getAdmin().toWire();
        byte[] data = new byte[host.length + admin.length + 20];
        System.arraycopy(host, 0, data, 0, host.length);
        System.arraycopy(admin, 0, data, host.length, admin.length);
        ByteBuffer.wrap(data, host.length + admin.length, 20).putInt((int) record.getSerial())
                .putInt((int) record.getRefresh()).putInt((int) record.getRetry()).putInt((int) record.getExpire())
                .putInt((int) record.getMinimum());
        SoaData made = new SoaData(policy.boxName(), ttl, data);
        soa = made;
        return made.bytes();
    }

    /** The rare names {@link WireResponse#build} leaves to dnsjava (escaped bytes). */
    static byte[] viaDnsjava(QueryContext query, Decision.Blocked decision, PolicySnapshot policy, long ttl) {
        Question q = query.question();
        Name owner = Responses.name(q);
        InetAddress v4 = ZERO4;
        InetAddress v6 = ZERO6;
        switch (decision.response()) {
            case NXDOMAIN -> {
                return Responses.build(q, Rcode.NXDOMAIN, List.of(), List.of(soaRecord(owner, policy, ttl)));
            }
            case NODATA -> {
                v4 = null;
                v6 = null;
            }
            case BLOCKPAGE -> {
                InetAddress local = query.local() == null ? null : query.local().getAddress();
                if (local != null && !local.isAnyLocalAddress()) {
                    v4 = local instanceof Inet4Address ? local : null;
                    v6 = local instanceof Inet6Address ? local : null;
                }
            }
            case ZERO_IP -> { }
        }
        if (q.type() == Type.A && v4 != null) {
            return Responses.build(q, Rcode.NOERROR, List.of(new ARecord(owner, q.dclass(), ttl, v4)), List.of());
        }
        if (q.type() == Type.AAAA && v6 != null) {
            return Responses.build(q, Rcode.NOERROR, List.of(new AAAARecord(owner, q.dclass(), ttl, v6)), List.of());
        }
        return Responses.build(q, Rcode.NOERROR, List.of(), List.of(soaRecord(owner, policy, ttl)));
    }

    private static Record soaRecord(Name owner, PolicySnapshot policy, long ttl) {
        try {
            Name box = Name.fromString(policy.boxName(), Name.root);
            Name admin = Name.fromString("hostmaster." + policy.boxName(), Name.root);
            return new SOARecord(owner, DClass.IN, ttl, box, admin, 1, 3600, 600, 86400, ttl);
        } catch (TextParseException e) {
            throw new IllegalStateException("box name was validated at compile time: " + policy.boxName(), e);
        }
    }

    private record SoaData(String boxName, long ttl, byte[] bytes) {}

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
