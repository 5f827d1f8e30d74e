package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Upstream replies are passed on from their received bytes; they must say what dnsjava's re-encoding said. */
class ReplyBytesTest {

    @Test
    void withOrWithoutOptAndTrailingBytesTheRecordsAreThoseOfTheReencodedMessage() throws Exception {
        for (boolean opt : new boolean[] {false, true}) {
            for (boolean glue : new boolean[] {false, true}) {
                for (int trailing : new int[] {0, 3}) {
                    Message reply = reply(opt, glue);
                    byte[] wire = Arrays.copyOf(reply.toWire(), reply.toWire().length + trailing);
                    byte[] ours = ReplyBytes.withoutOpt(wire);
                    byte[] before = Resolution.withoutOpt(new Message(reply.toWire()));
                    Message a = new Message(ours);
                    Message b = new Message(before);
                    String what = "opt " + opt + ", glue " + glue + ", trailing " + trailing;
                    assertThat(a.getHeader().toString()).as(what).isEqualTo(b.getHeader().toString());
                    for (int s : new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
                        assertThat(a.getSection(s)).as(what).isEqualTo(b.getSection(s));
                    }
                    assertThat(a.getOPT()).isNull();
                    WireLayout.of(ours); // the cache's walker takes it: no bytes left over
                    if (!opt && trailing == 0) {
                        assertThat(ours).as("nothing to remove: passed on as received").isSameAs(wire);
                    }
                }
            }
        }
    }

    @Test
    void bytesThatDoNotWalkAreRefusedSoResolutionFallsBackToDnsjava() throws Exception {
        byte[] wire = reply(true, true).toWire();
        assertThatThrownBy(() -> ReplyBytes.withoutOpt(Arrays.copyOf(wire, wire.length - 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplyBytes.withoutOpt(new byte[5])).isInstanceOf(IllegalArgumentException.class);
        Message parsed = new Message(wire);
        assertThat(new Message(Resolution.withoutOpt(Arrays.copyOf(wire, wire.length - 5), parsed))
                .getSection(Section.ANSWER)).hasSize(2);
    }

    private static Message reply(boolean opt, boolean glue) throws Exception {
        Name name = Name.fromString("www.Example.com.");
        Name target = Name.fromString("cdn.example.net.");
        Message m = new Message(4711);
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setFlag(Flags.RD);
        m.getHeader().setFlag(Flags.RA);
        m.addRecord(Record.newRecord(name, Type.A, DClass.IN), Section.QUESTION);
        m.addRecord(new CNAMERecord(name, DClass.IN, 300, target), Section.ANSWER);
        m.addRecord(new ARecord(target, DClass.IN, 60, InetAddress.getByName("192.0.2.7")), Section.ANSWER);
        Name ns = Name.fromString("ns1.example.net.");
        m.addRecord(new NSRecord(Name.fromString("example.net."), DClass.IN, 3600, ns), Section.AUTHORITY);
        if (glue) {
            m.addRecord(new ARecord(ns, DClass.IN, 3600, InetAddress.getByName("192.0.2.53")), Section.ADDITIONAL);
        }
        if (opt) {
            m.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ExtendedErrorCodeOption(3, "stale"))),
                    Section.ADDITIONAL);
        }
        if (glue && opt) {
            m.addRecord(new ARecord(ns, DClass.IN, 3600, InetAddress.getByName("192.0.2.54")), Section.ADDITIONAL);
        }
        return m;
    }
}
