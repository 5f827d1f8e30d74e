package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The hand-written walk must find exactly the TTLs dnsjava's full parse finds. */
class WireLayoutTest {

    @Property(tries = 300)
    void findsEveryTtlWhereDnsjavaReadsIt(@ForAll("messages") Message message) throws Exception {
        byte[] wire = message.toWire(); // compressed: names end in pointers
        WireLayout layout = WireLayout.of(wire);
        List<Record> parsed = records(new Message(wire));

        assertThat(layout.size()).isEqualTo(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            assertThat(layout.type(i)).isEqualTo(parsed.get(i).getType());
            assertThat(WireLayout.ttl(wire, layout.ttlOffset(i))).isEqualTo(parsed.get(i).getTTL());
            assertThat(layout.section(i) + 1).isEqualTo(sectionOf(new Message(wire), i));
        }
    }

    @Property(tries = 200)
    void patchedTtlsAreWhatDnsjavaThenReads(@ForAll("messages") Message message) throws Exception {
        byte[] wire = message.toWire();
        WireLayout layout = WireLayout.of(wire);
        for (int i = 0; i < layout.size(); i++) {
            WireLayout.putTtl(wire, layout.ttlOffset(i), 1000 + i);
        }
        List<Record> parsed = records(new Message(wire));
        for (int i = 0; i < parsed.size(); i++) {
            assertThat(parsed.get(i).getTTL()).isEqualTo(1000 + i);
        }
        // and nothing but TTLs changed: the records are the same apart from them
        List<Record> original = records(new Message(message.toWire()));
        for (int i = 0; i < parsed.size(); i++) {
            assertThat(parsed.get(i).rdataToString()).isEqualTo(original.get(i).rdataToString());
            assertThat(parsed.get(i).getName()).isEqualTo(original.get(i).getName());
        }
    }

    @Property(tries = 200)
    void aCutMessageIsRejectedNotMisread(@ForAll("messages") Message message, @ForAll("fractions") double cut) {
        byte[] wire = message.toWire();
        int length = (int) (wire.length * cut);
        byte[] shorter = Arrays.copyOf(wire, length);
        assertThatThrownBy(() -> WireLayout.of(shorter)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsExtendedLabelTypes() {
        byte[] wire = new byte[] {0, 1, (byte) 0x81, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x41, 0, 0, 0, 1, 0, 1};
        assertThatThrownBy(() -> WireLayout.of(wire)).hasMessageContaining("label type");
    }

    @Test
    void readsTtlsAboveTwoToTheThirtyOneAsZero() {
        byte[] ttl = {(byte) 0x80, 0, 0, 1};
        assertThat(WireLayout.ttl(ttl, 0)).isZero(); // RFC 2181 §8
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0.0, 0.999).ofScale(3);
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<Name> names = names();
        Arbitrary<Long> ttls = Arbitraries.longs().between(0, Integer.MAX_VALUE);
        Arbitrary<Record> records = Combinators.combine(names, names, ttls, Arbitraries.integers().between(0, 7))
                .as(WireLayoutTest::record);
        Arbitrary<List<Record>> section = records.list().ofMaxSize(6);
        return Combinators.combine(names, section, section, section, Arbitraries.integers().between(0, 0xFFFF))
                .as((question, answers, authority, additional, id) -> {
                    Message message = new Message(id);
                    message.addRecord(Record.newRecord(question, Type.A, DClass.IN), Section.QUESTION);
                    answers.forEach(r -> message.addRecord(r, Section.ANSWER));
                    authority.forEach(r -> message.addRecord(r, Section.AUTHORITY));
                    additional.forEach(r -> message.addRecord(r, Section.ADDITIONAL));
                    return message;
                });
    }

    /** Names under a few shared suffixes, so compression pointers are common. */
    private static Arbitrary<Name> names() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
                .ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> suffix = Arbitraries.of("example.com.", "a.example.com.", "school.lan.", ".");
        return Combinators.combine(label.list().ofMaxSize(3), suffix).as((labels, zone) -> {
            String text = String.join(".", labels);
            String full = text.isEmpty() ? zone : zone.equals(".") ? text + "." : text + "." + zone;
            return name(full);
        });
    }

    private static Record record(Name owner, Name target, long ttl, int kind) {
        try {
            switch (kind) {
                case 0: return new ARecord(owner, DClass.IN, ttl, InetAddress.getByName("192.0.2." + (ttl % 250)));
                case 1: return new AAAARecord(owner, DClass.IN, ttl, InetAddress.getByName("2001:db8::" + (ttl % 999)));
                case 2: return new CNAMERecord(owner, DClass.IN, ttl, target);
                case 3: return new NSRecord(owner, DClass.IN, ttl, target);
                case 4: return new MXRecord(owner, DClass.IN, ttl, 10, target);
                case 5: return new TXTRecord(owner, DClass.IN, ttl, "v=" + ttl);
                case 6: return new SOARecord(owner, DClass.IN, ttl, target, owner, ttl, 3600, 600, 86400, ttl % 86400);
                default: return new SRVRecord(owner, DClass.IN, ttl, 1, 2, 443, target);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Record> records(Message message) {
        List<Record> all = new ArrayList<>();
        for (int section = Section.ANSWER; section <= Section.ADDITIONAL; section++) {
            all.addAll(message.getSection(section));
        }
        return all;
    }

    private static int sectionOf(Message message, int index) {
        int an = message.getSection(Section.ANSWER).size();
        int ns = message.getSection(Section.AUTHORITY).size();
        return index < an ? Section.ANSWER : index < an + ns ? Section.AUTHORITY : Section.ADDITIONAL;
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }
}
