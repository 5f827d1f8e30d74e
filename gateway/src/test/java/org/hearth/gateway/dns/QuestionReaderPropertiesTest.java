package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;

/**
 * The decoder reads usual question names itself and leaves the rest to dnsjava. Whichever way a
 * name goes, the question it yields must be the one dnsjava reads: same text, same bytes.
 */
class QuestionReaderPropertiesTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 5353);

    @Property(tries = 2000)
    void everyNameDecodesAsDnsjavaReadsIt(@ForAll("names") List<byte[]> labels) throws Exception {
        byte[] packet = query(labels);
        Decoded decoded = QueryDecoder.decode(packet, CLIENT, CLIENT, Transport.UDP);
        Name name;
        try {
            DNSInput in = new DNSInput(packet);
            in.jump(DnsWire.HEADER);
            name = new Name(in);
        } catch (Exception e) {
            assertThat(decoded).as("dnsjava refuses it, so must the decoder").isNotInstanceOf(Decoded.Query.class);
            return;
        }
        assertThat(decoded).isInstanceOf(Decoded.Query.class);
        Decoded.Query query = (Decoded.Query) decoded;
        assertThat(query.context().question()).isEqualTo(Question.of(name.toString(false), 28, 1));
        byte[] wire = name.toWire();
        assertThat(query.question()).hasSize(wire.length + 4).startsWith(wire);
    }

    /** Labels of printable and escaped bytes, sometimes too long or too many for a name. */
    @Provide
    Arbitrary<List<byte[]>> names() {
        Arbitrary<Byte> plain = Arbitraries.of("abcXYZ09-_*".chars().mapToObj(c -> (byte) c).toArray(Byte[]::new));
        Arbitrary<Byte> any = Arbitraries.bytes();
        Arbitrary<byte[]> label = Arbitraries.frequencyOf(
                        Tuple.of(8, plain), Tuple.of(1, any)).list().ofMinSize(1).ofMaxSize(70)
                .map(bytes -> {
                    byte[] out = new byte[bytes.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = bytes.get(i);
                    }
                    return out;
                });
        return label.list().ofMaxSize(9);
    }

    private static byte[] query(List<byte[]> labels) {
        int nameLength = 1;
        for (byte[] l : labels) {
            nameLength += 1 + l.length;
        }
        byte[] m = new byte[DnsWire.HEADER + nameLength + 4];
        DnsWire.put16(m, 0, 0x1234);
        DnsWire.put16(m, 2, DnsWire.RD);
        DnsWire.put16(m, 4, 1);
        int p = DnsWire.HEADER;
        for (byte[] l : labels) {
            m[p] = (byte) l.length;
            System.arraycopy(l, 0, m, p + 1, l.length);
            p += 1 + l.length;
        }
        m[p] = 0;
        DnsWire.put16(m, p + 1, 28);
        DnsWire.put16(m, p + 3, 1);
        return m;
    }
}
