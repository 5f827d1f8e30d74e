package org.hearth.gateway.testsupport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** Builds the responses tests script: answers, errors, and the broken ones a real server won't send. */
public final class DnsReplies {

    private DnsReplies() {}

    /** A response to {@code query}: its ID and question, QR and RA set, RD echoed, this rcode, no records. */
    public static Message response(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setRcode(rcode);
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    /** NOERROR with one A (or AAAA, by the address's family) record per address for the asked name. */
    public static Message addresses(Message query, long ttl, String... addresses) {
        Message response = response(query, Rcode.NOERROR);
        Name name = query.getQuestion().getName();
        for (String address : addresses) {
            InetAddress ip = ip(address);
            Record record = ip.getAddress().length == 4
                    ? new ARecord(name, DClass.IN, ttl, ip)
                    : new AAAARecord(name, DClass.IN, ttl, ip);
            response.addRecord(record, Section.ANSWER);
        }
        return response;
    }

    /** NXDOMAIN or NODATA (by {@code rcode}) with an SOA of the parent zone in the authority section. */
    public static Message negative(Message query, int rcode, long soaTtl, long soaMinimum) {
        Message response = response(query, rcode);
        Name name = query.getQuestion().getName();
        Name zone = name.labels() > 2 ? new Name(name, 1) : name;
        response.addRecord(new SOARecord(zone, DClass.IN, soaTtl, name("ns1." + zone), name("admin." + zone),
                2024010101L, 3600, 600, 86400, soaMinimum), Section.AUTHORITY);
        return response;
    }

    /**
     * A NOERROR answer of {@code count} TXT records of 200 bytes each: with 6 or more it is bigger
     * than the 1232 bytes a UDP reply may carry.
     */
    public static Message oversized(Message query, int count) {
        Message response = response(query, Rcode.NOERROR);
        Random random = new Random(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < 200; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            response.addRecord(new TXTRecord(query.getQuestion().getName(), DClass.IN, 300, text.toString()),
                    Section.ANSWER);
        }
        return response;
    }

    /** Header and question only, TC set: what a server sends over UDP when the answer does not fit. */
    public static Message truncated(Message query) {
        Message response = response(query, Rcode.NOERROR);
        response.getHeader().setFlag(Flags.TC);
        return response;
    }

    /** The same bytes with another ID. */
    public static byte[] withId(byte[] wire, int id) {
        byte[] copy = wire.clone();
        copy[0] = (byte) (id >>> 8);
        copy[1] = (byte) id;
        return copy;
    }

    /** The query's ID and QR bit in front of bytes no DNS parser accepts. */
    public static byte[] garbage(Message query) {
        byte[] wire = new byte[40];
        new Random(7).nextBytes(wire);
        wire[0] = (byte) (query.getHeader().getID() >>> 8);
        wire[1] = (byte) query.getHeader().getID();
        wire[2] = (byte) 0x81;
        wire[4] = 0;
        wire[5] = 1; // one question...
        wire[12] = (byte) 0x7F; // ...whose first label runs past the end of the message
        return wire;
    }

    /** {@code query} asked again for another name: answering it is a reply to the wrong question. */
    public static Message forOtherName(Message query, String otherName) {
        Message other = query.clone();
        Record q = query.getQuestion();
        other.removeAllRecords(Section.QUESTION);
        other.addRecord(Record.newRecord(name(otherName), q.getType(), q.getDClass()), Section.QUESTION);
        return other;
    }

    /** {@code query} asked again for another type. */
    public static Message forOtherType(Message query) {
        Message other = query.clone();
        Record q = query.getQuestion();
        other.removeAllRecords(Section.QUESTION);
        other.addRecord(Record.newRecord(q.getName(), q.getType() == Type.A ? Type.AAAA : Type.A, q.getDClass()),
                Section.QUESTION);
        return other;
    }

    public static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
