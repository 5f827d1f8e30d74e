package org.hearth.gateway.dns.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hearth.gateway.dns.MalformedMessageException;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.resolve.WireLayout;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Upstream replies are judged and passed on from their bytes; what the walk says must be what dnsjava's parse says. */
class ReplyWireTest {

    @Test
    void withOrWithoutOptAndTrailingBytesTheRecordsAreThoseDnsjavaReads() throws Exception {
        for (boolean opt : new boolean[] {false, true}) {
            for (boolean glue : new boolean[] {false, true}) {
                for (int trailing : new int[] {0, 3}) {
                    Message reply = reply(opt, glue);
                    byte[] wire = Arrays.copyOf(reply.toWire(), reply.toWire().length + trailing);
                    byte[] ours = ReplyWire.walk(wire).withoutOpt();
                    Message a = new Message(ours);
                    Message b = new Message(wire);
                    String what = "opt " + opt + ", glue " + glue + ", trailing " + trailing;
                    assertThat(a.getHeader().getID()).as(what).isEqualTo(b.getHeader().getID());
                    assertThat(a.getHeader().getRcode()).as(what).isEqualTo(b.getHeader().getRcode());
                    for (int s : new int[] {Section.QUESTION, Section.ANSWER, Section.AUTHORITY}) {
                        assertThat(a.getSection(s)).as(what).isEqualTo(b.getSection(s));
                    }
                    assertThat(a.getSection(Section.ADDITIONAL)).as(what)
                            .isEqualTo(b.getSection(Section.ADDITIONAL).stream()
                                    .filter(r -> !(r instanceof OPTRecord)).toList());
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
    void rcodeTruncationAndExtendedErrorAreWhatDnsjavaReads() throws Exception {
        Message plain = reply(false, false);
        plain.getHeader().setRcode(Rcode.NXDOMAIN);
        plain.getHeader().setFlag(Flags.TC);
        ReplyWire walked = ReplyWire.walk(plain.toWire());
        assertThat(walked.rcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(walked.truncated()).isTrue();
        assertThat(walked.extendedError()).isNull();
        assertThat(walked.id()).isEqualTo(4711);

        Message badVersion = reply(false, false);
        badVersion.addRecord(new OPTRecord(1232, Rcode.BADVERS >>> 4, 0, 0), Section.ADDITIONAL);
        badVersion.getHeader().setRcode(Rcode.BADVERS & 0xF);
        Message parsed = new Message(badVersion.toWire());
        assertThat(ReplyWire.walk(badVersion.toWire()).rcode()).isEqualTo(parsed.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(ReplyWire.walk(badVersion.toWire()).truncated()).isFalse();

        Answer.ExtendedError stale = ReplyWire.walk(reply(true, true).toWire()).extendedError();
        assertThat(stale).isEqualTo(new Answer.ExtendedError(3, "stale"));
        Message noText = reply(false, false);
        noText.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new ExtendedErrorCodeOption(15))), Section.ADDITIONAL);
        assertThat(ReplyWire.walk(noText.toWire()).extendedError()).isEqualTo(new Answer.ExtendedError(15, ""));
        ExtendedErrorCodeOption dnsjava = (ExtendedErrorCodeOption) new Message(noText.toWire()).getOPT()
                .getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).get(0);
        assertThat(dnsjava.getErrorCode()).isEqualTo(15);
    }

    @Test
    void aQuestionlessErrorReplyWalks() throws Exception {
        Message bare = new Message(7);
        bare.getHeader().setFlag(Flags.QR);
        bare.getHeader().setRcode(Rcode.SERVFAIL);
        ReplyWire walked = ReplyWire.walk(bare.toWire());
        assertThat(walked.questionCount()).isZero();
        assertThat(walked.questionEnd()).isZero();
        assertThat(walked.rcode()).isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void bytesThatDoNotWalkAreRefusedWithWhereAndWhy() throws Exception {
        byte[] wire = reply(true, true).toWire();
        assertThatThrownBy(() -> ReplyWire.walk(Arrays.copyOf(wire, wire.length - 5)))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> ReplyWire.walk(new byte[5]))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("shorter than a DNS header");

        byte[] twice = withAdditional(reply(true, false).toWire(), new OPTRecord(512, 0, 0, 0).toWire(Section.ADDITIONAL));
        assertThatThrownBy(() -> ReplyWire.walk(twice)).hasMessageContaining("more than one OPT");

        byte[] shortA = reply(false, true).toWire(); // ends with the glue A record
        int rdLength = lastRecordRdLength(shortA);
        shortA[rdLength + 1] = 5; // the A record claims five bytes...
        byte[] longer = Arrays.copyOf(shortA, shortA.length + 1); // ...and has them
        assertThatThrownBy(() -> ReplyWire.walk(longer)).hasMessageContaining("type 1 record does not fit");

        byte[] forward = reply(false, false).toWire();
        forward[12] = (byte) 0xC0; // the question's name, a pointer to byte 13: ahead of itself
        forward[13] = 13;
        assertThatThrownBy(() -> ReplyWire.walk(forward)).hasMessageContaining("does not point back");

        byte[] badOption = reply(true, false).toWire();
        int optionLength = badOption.length - "stale".length() - 2 - 2; // EDE option's length field
        badOption[optionLength + 1] += 1;
        assertThatThrownBy(() -> ReplyWire.walk(badOption)).hasMessageContaining("EDNS option");
    }

    @Test
    void whatAClientsParserCouldNotReadIsRefusedAndWhatItCanIsTaken() throws Exception {
        Message negative = reply(false, false);
        negative.removeAllRecords(Section.ANSWER);
        negative.addRecord(new SOARecord(Name.fromString("example.com."), DClass.IN, 300,
                Name.fromString("ns1.example.com."), Name.fromString("hostmaster.example.com."), 1, 2, 3, 4, 5),
                Section.AUTHORITY);
        negative.addRecord(new TXTRecord(Name.fromString("t.example.com."), DClass.IN, 60, List.of("a", "", "bc")),
                Section.ADDITIONAL);
        negative.addRecord(new MXRecord(Name.fromString("example.com."), DClass.IN, 60, 10,
                Name.fromString("mail.example.com.")), Section.ADDITIONAL);
        negative.addRecord(new SRVRecord(Name.fromString("_sip._udp.example.com."), DClass.IN, 60, 1, 2, 5060,
                Name.fromString("sip.example.com.")), Section.ADDITIONAL);
        ReplyWire.walk(negative.toWire());

        Message https = reply(false, false);
        https.addRecord(Record.fromString(Name.fromString("www.Example.com."), Type.HTTPS, DClass.IN, 60,
                "1 . alpn=h2,h3", Name.root), Section.ANSWER);
        byte[] httpsWire = https.toWire();
        ReplyWire.walk(httpsWire); // not a type checked here: dnsjava reads it
        byte[] cut = httpsWire.clone();
        int data = indexOfType(cut, Type.HTTPS) + 10; // priority, the root as target, then alpn's key
        cut[data + 5] = 0; // and alpn's length, now longer than the record
        cut[data + 6] = (byte) 0xFF;
        assertThatThrownBy(() -> ReplyWire.walk(cut)).hasMessageContaining("dnsjava cannot read it");

        byte[] badTarget = reply(false, false).toWire();
        int cname = indexOfType(badTarget, Type.CNAME);
        badTarget[cname + 10] = (byte) 0x80; // the CNAME's target starts with an unknown label type
        assertThatThrownBy(() -> ReplyWire.walk(badTarget)).hasMessageContaining("unknown label type");

        byte[] loop = reply(false, false).toWire();
        int cnameData = indexOfType(loop, Type.CNAME) + 10;
        // The target "cdn" then a pointer back to itself: a label and a pointer, forever.
        loop[cnameData] = 3;
        loop[cnameData + 4] = (byte) (0xC0 | cnameData >>> 8);
        loop[cnameData + 5] = (byte) cnameData;
        assertThatThrownBy(() -> ReplyWire.walk(loop)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aNameWhosePointerLeadsPastTheLastRecordIsRefused() throws Exception {
        // Jazzer's finding (crash-60ff450b...): an owner name ending in a pointer to byte 0, whose
        // labels from there ran into the bytes after the last record. The client's copy ends at
        // the last record, so its parser would run out of input: a prior occurrence must end
        // before the pointer to it.
        byte[] found = Files.readAllBytes(Path.of(getClass().getResource(
                "ReplyWireFuzzTestInputs/walkRefusesOrEverythingItSaysHolds/crash-60ff450b6dde30f330a1bc98d7a332f6b92d3a6c")
                .toURI()));
        assertThatThrownBy(() -> ReplyWire.walk(found)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aTruncatedReplyCutInsideARecordStillSendsUsToTcp() throws Exception {
        Message big = reply(false, true);
        big.getHeader().setFlag(Flags.TC);
        byte[] wire = big.toWire();
        byte[] cut = Arrays.copyOf(wire, wire.length - 7); // inside the last record
        ReplyWire walked = ReplyWire.walk(cut);
        assertThat(walked.truncated()).isTrue();
        assertThat(walked.questionEnd()).isEqualTo(12 + "www.Example.com.".length() + 1 + 4);
    }

    @Test
    void aPointerIntoTheHeaderIsRefusedForTheEdgeRewritesThoseBytes() throws Exception {
        byte[] wire = reply(false, false).toWire();
        int data = indexOfType(wire, Type.CNAME) + 10;
        wire[data] = (byte) 0xC0; // the CNAME's target: a pointer to byte 11, the header's last
        wire[data + 1] = 11;
        assertThatThrownBy(() -> ReplyWire.walk(wire)).hasMessageContaining("points into the header");
    }

    @Test
    void theExtendedErrorTextLosesATrailingNulAsDnsjavaReadsItAndOneWithoutItsCodeIsRefused() throws Exception {
        Message nul = reply(false, false);
        nul.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new GenericEDNSOption(15, new byte[] {0, 15, 'B', 'l', 0}))),
                Section.ADDITIONAL);
        assertThat(ReplyWire.walk(nul.toWire()).extendedError()).isEqualTo(new Answer.ExtendedError(15, "Bl"));
        ExtendedErrorCodeOption dnsjava = (ExtendedErrorCodeOption) new Message(nul.toWire()).getOPT()
                .getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR).get(0);
        assertThat(dnsjava.getText()).isEqualTo("Bl");

        Message shortEde = reply(false, false);
        shortEde.addRecord(new OPTRecord(1232, 0, 0, 0, List.of(new GenericEDNSOption(15, new byte[] {0}))),
                Section.ADDITIONAL);
        assertThatThrownBy(() -> ReplyWire.walk(shortEde.toWire())).hasMessageContaining("without its code");
    }

    @Test
    void anOptBeforeOtherRecordsIsTakenOutWithoutRenamingThem() throws Exception {
        Message m = reply(false, false);
        Name ns = Name.fromString("ns1.example.net.");
        m.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        m.addRecord(new ARecord(ns, DClass.IN, 3600, InetAddress.getByName("192.0.2.53")), Section.ADDITIONAL);
        m.addRecord(new AAAARecord(ns, DClass.IN, 3600, InetAddress.getByName("2001:db8::53")), Section.ADDITIONAL);
        byte[] wire = m.toWire();
        Message ours = new Message(ReplyWire.walk(wire).withoutOpt());
        assertThat(ours.getOPT()).isNull();
        assertThat(ours.getSection(Section.ADDITIONAL)).extracting(Record::getName).containsExactly(ns, ns);
        assertThat(ours.getSection(Section.ANSWER)).isEqualTo(new Message(wire).getSection(Section.ANSWER));
    }

    /** Offset of the type field of the first record of {@code type} after the question. */
    private static int indexOfType(byte[] wire, int type) throws Exception {
        Message m = new Message(wire);
        int p = 12;
        p = skip(wire, p) + 4;
        for (int i = 0; i < m.getHeader().getCount(Section.ANSWER) + m.getHeader().getCount(Section.AUTHORITY)
                + m.getHeader().getCount(Section.ADDITIONAL); i++) {
            int fixed = skip(wire, p);
            if (((wire[fixed] & 0xFF) << 8 | (wire[fixed + 1] & 0xFF)) == type) {
                return fixed;
            }
            p = fixed + 10 + ((wire[fixed + 8] & 0xFF) << 8 | (wire[fixed + 9] & 0xFF));
        }
        throw new AssertionError("no record of type " + type);
    }

    private static int skip(byte[] wire, int p) {
        while (wire[p] != 0 && (wire[p] & 0xC0) != 0xC0) {
            p += 1 + wire[p];
        }
        return wire[p] == 0 ? p + 1 : p + 2;
    }

    /** Offset of the RDLENGTH field of the message's last record, an A record. */
    private static int lastRecordRdLength(byte[] wire) {
        return wire.length - 4 - 2;
    }

    private static byte[] withAdditional(byte[] wire, byte[] record) {
        byte[] out = Arrays.copyOf(wire, wire.length + record.length);
        System.arraycopy(record, 0, out, wire.length, record.length);
        int count = ((out[10] & 0xFF) << 8 | (out[11] & 0xFF)) + 1;
        out[10] = (byte) (count >>> 8);
        out[11] = (byte) count;
        return out;
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
