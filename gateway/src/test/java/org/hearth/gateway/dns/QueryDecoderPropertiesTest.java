package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Responses;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Whatever bytes arrive, the edge answers with the same ID or says nothing; it never throws. */
class QueryDecoderPropertiesTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private final Chain chain = query -> CompletableFuture.completedFuture(
            new Answer(Responses.rcode(query.question(), Rcode.NXDOMAIN), Answer.Source.UPSTREAM));

    @Property(tries = 1000)
    void randomBytesAreAnsweredWithTheirIdOrDropped(@ForAll("packets") byte[] packet) throws Exception {
        check(packet);
    }

    @Property(tries = 1000)
    void corruptedQueriesAreAnsweredWithTheirIdOrDropped(@ForAll("corrupted") byte[] packet) throws Exception {
        check(packet);
    }

    private void check(byte[] packet) throws Exception {
        EdgeCounters counters = new EdgeCounters();
        byte[] out = new QueryDispatcher(chain, counters)
                .dispatch(packet, CLIENT, CLIENT, Transport.UDP).toCompletableFuture().join();
        if (out == null) {
            assertThat(counters.dropped()).isEqualTo(1);
            return;
        }
        Message reply = new Message(out); // what we send must itself parse
        assertThat(reply.getHeader().getID()).isEqualTo(DnsWire.u16(packet, 0));
        assertThat(out.length).isLessThanOrEqualTo(512);
    }

    @Provide
    Arbitrary<byte[]> packets() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(80);
    }

    /** A real query with a few bytes overwritten or cut: reaches deeper than random noise. */
    @Provide
    Arbitrary<byte[]> corrupted() throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString("www.Example.com."), Type.A, DClass.IN));
        q.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        byte[] base = q.toWire();
        return Arbitraries.integers().between(0, base.length - 1).list().ofMaxSize(4).flatMap(positions ->
                Arbitraries.bytes().list().ofSize(positions.size()).flatMap(values ->
                        Arbitraries.integers().between(12, base.length).map(cut -> {
                            byte[] p = java.util.Arrays.copyOf(base, cut);
                            for (int i = 0; i < positions.size(); i++) {
                                if (positions.get(i) < p.length) {
                                    p[positions.get(i)] = values.get(i);
                                }
                            }
                            return p;
                        })));
    }
}
