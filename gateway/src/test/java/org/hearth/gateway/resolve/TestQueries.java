package org.hearth.gateway.resolve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.hearth.gateway.dns.upstream.ReplyWire;
import org.hearth.gateway.query.Edns;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Query contexts and upstream-style responses for resolve tests. */
final class TestQueries {

    static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);

    private TestQueries() {}

    static QueryContext query(String name, int type) {
        return query(name, type, false, false);
    }

    static QueryContext query(String name, int type, boolean dnssecOk, boolean checkingDisabled) {
        return new QueryContext(4242, Question.of(name, type), true, checkingDisabled,
                new Edns(1232, dnssecOk, 0, List.of()), CLIENT, LOCAL, Transport.UDP, System.nanoTime(), null);
    }

    /** The dnsjava query an upstream would receive for this context, to build replies from. */
    static Message upstreamQuery(QueryContext query) {
        try {
            return new Message(UpstreamQuery.of(query).encode(1));
        } catch (IOException e) {
            throw new AssertionError("our own query does not parse", e);
        }
    }

    /** Wire bytes as the forward stage hands them on: upstream response without OPT. */
    static byte[] wire(Message response) {
        return ReplyWire.walk(response.toWire()).withoutOpt();
    }

    static List<Record> answers(byte[] wire) throws Exception {
        return new Message(wire).getSection(Section.ANSWER);
    }

    static int rcode(byte[] wire) {
        return wire[3] & 0x0F;
    }
}
