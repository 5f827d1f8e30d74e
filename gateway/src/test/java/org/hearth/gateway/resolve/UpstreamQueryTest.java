package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hearth.gateway.query.Question;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The upstream query is written byte by byte; it must be the message dnsjava would have built. */
class UpstreamQueryTest {

    @Property(tries = 500)
    void sameBytesAsDnsjavasMessage(@ForAll("names") String name, @ForAll boolean dnssecOk,
            @ForAll boolean checkingDisabled, @ForAll("types") int type) throws Exception {
        Question question = Question.of(name, type);
        byte[] ours = new UpstreamQuery(question, dnssecOk, checkingDisabled).encode(0xBEEF);

        Message expected = new Message(0xBEEF);
        expected.getHeader().setFlag(Flags.RD);
        if (checkingDisabled) {
            expected.getHeader().setFlag(Flags.CD);
        }
        Name asked = question.asked().isEmpty() ? Name.root : Name.fromString(question.asked(), Name.root);
        expected.addRecord(Record.newRecord(asked, type, DClass.IN), Section.QUESTION);
        expected.addRecord(new OPTRecord(UpstreamQuery.EDNS_UDP_SIZE, 0, 0, dnssecOk ? ExtendedFlags.DO : 0),
                Section.ADDITIONAL);
        assertThat(ours).isEqualTo(expected.toWire());
    }

    @Test
    void escapedAndPlainNamesKeepTheirBytesAndCase() throws Exception {
        for (String text : new String[] {"", "Www.Example.COM", "a\\.b.example", "caf\\233.example", "x\\032y.test",
                "_dmarc.example.org", "a-b.c_d.e", "xn--bcher-kva.example", "x\\.", "x\\.\\.y.z\\."}) {
            Name name = text.isEmpty() ? Name.root : Name.fromString(text, Name.root);
            assertThat(UpstreamQuery.nameWire(text)).as(text).isEqualTo(name.toWire());
        }
    }

    @Property(tries = 500)
    void anyLabelBytesAsTheDecoderWritesThemComeBackAsTheSameName(@ForAll("labels") java.util.List<byte[]> labels)
            throws Exception {
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        for (byte[] label : labels) {
            wire.write(label.length);
            wire.write(label);
        }
        wire.write(0);
        Name name = new Name(wire.toByteArray());
        String asked = name.toString(true); // the decoder's text: escapes, no final dot
        assertThat(UpstreamQuery.nameWire(asked)).as(asked).isEqualTo(name.toWire());
    }

    @Provide
    Arbitrary<java.util.List<byte[]>> labels() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20).list().ofMinSize(1).ofMaxSize(4);
    }

    @Test
    void aNameThatIsNoDnsNameIsRefusedAsBeforeAndNotSent() {
        String longLabel = "a".repeat(64) + ".example";
        assertThatThrownBy(() -> UpstreamQuery.nameWire(longLabel)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UpstreamQuery.nameWire("a..b")).isInstanceOf(IllegalArgumentException.class);
        String tooLong = ("a".repeat(63) + ".").repeat(4) + "x";
        assertThatThrownBy(() -> UpstreamQuery.nameWire(tooLong)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> label = Arbitraries.strings().withChars("abcXYZ019-_*").ofMinLength(1).ofMaxLength(63);
        return label.list().ofMinSize(0).ofMaxSize(5).map(labels -> String.join(".", labels))
                .filter(s -> s.length() <= 253);
    }

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.of(Type.A, Type.AAAA, Type.HTTPS, Type.TXT, Type.NS, Type.ANY, 0xFF41);
    }
}
