package org.hearth.gateway.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hearth.gateway.query.Edns;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * Reads what the stages need from a query packet (header, the one question, the OPT record) and
 * nothing more. Never throws: a packet is a query, an error reply, or dropped.
 */
final class QueryDecoder {

    private static final int OPCODE_QUERY = 0;

    private QueryDecoder() {}

    static Decoded decode(byte[] m, InetSocketAddress client, InetSocketAddress local, Transport transport) {
        long arrival = System.nanoTime();
        if (m.length < DnsWire.HEADER) {
            return new Decoded.Drop("shorter than a DNS header (" + m.length + " bytes)");
        }
        int id = DnsWire.u16(m, 0);
        int flags = DnsWire.u16(m, 2);
        if ((flags & DnsWire.QR) != 0) {
            // Answering a response could start a loop between two servers (or be a reflection attempt).
            return new Decoded.Drop("a response (QR=1), not a query");
        }
        int opcode = (flags >>> 11) & 0xf;
        int qdCount = DnsWire.u16(m, 4);
        byte[] question = null;
        Question parsed = null;
        Edns edns = null;
        String problem = null;
        if (qdCount != 1) {
            problem = "QDCOUNT " + qdCount + ", expected 1";
        } else {
            try {
                int end = QuestionReader.plainNameEnd(m);
                int next;
                if (end > 0 && end + 4 <= m.length) {
                    // The usual question: copied and read as text without building a dnsjava Name.
                    int type = DnsWire.u16(m, end);
                    int dclass = DnsWire.u16(m, end + 2);
                    question = Arrays.copyOfRange(m, DnsWire.HEADER, end + 4);
                    parsed = Question.of(QuestionReader.text(m, end), type, dclass);
                    next = end + 4;
                } else {
                    DNSInput in = new DNSInput(m);
                    in.jump(DnsWire.HEADER);
                    Name name = new Name(in);
                    int type = in.readU16();
                    int dclass = in.readU16();
                    question = questionBytes(name, type, dclass);
                    parsed = Question.of(name.toString(false), type, dclass);
                    next = in.current();
                }
                edns = readOpt(m, next, DnsWire.u16(m, 6), DnsWire.u16(m, 8), DnsWire.u16(m, 10));
            } catch (IOException | RuntimeException e) {
                // dnsjava signals a short packet with IllegalArgumentException as well as WireParseException.
                problem = String.valueOf(e.getMessage());
            }
        }
        if (opcode != OPCODE_QUERY) {
            return reply(id, flags, Rcode.NOTIMP, question, edns, "opcode " + opcode + " not implemented");
        }
        if (problem != null) {
            return reply(id, flags, Rcode.FORMERR, question, edns, problem);
        }
        if (transport == Transport.UDP && m.length >= DnsListeners.MAX_UDP_QUERY) {
            // The read stops there, so its end may be missing: a record or option we never saw.
            return reply(id, flags, Rcode.FORMERR, question, edns,
                    "a UDP query of " + DnsListeners.MAX_UDP_QUERY + " bytes or more, perhaps cut by the read");
        }
        if (edns != null && edns.version() > 0) {
            // RFC 6891 §6.1.3: answer BADVERS with the highest version we implement (0).
            return reply(id, flags, Rcode.BADVERS, question, edns, "EDNS version " + edns.version());
        }
        QueryContext context = new QueryContext(id, parsed, (flags & DnsWire.RD) != 0, (flags & DnsWire.CD) != 0,
                edns, client, local, transport, arrival, null);
        return new Decoded.Query(context, question, flags);
    }

    /** The question as the client spelled it, name uncompressed so it can be copied into any answer. */
    private static byte[] questionBytes(Name name, int type, int dclass) {
        byte[] wire = name.toWire();
        byte[] out = new byte[wire.length + 4];
        System.arraycopy(wire, 0, out, 0, wire.length);
        DnsWire.put16(out, wire.length, type);
        DnsWire.put16(out, wire.length + 2, dclass);
        return out;
    }

    /** Finds the OPT record in the additional section; a second one, or one not at the root, is FORMERR. */
    private static Edns readOpt(byte[] m, int at, int anCount, int nsCount, int arCount) {
        int p = at;
        for (int i = 0; i < anCount + nsCount; i++) {
            p = DnsWire.skipRecord(m, p);
        }
        Edns edns = null;
        for (int i = 0; i < arCount; i++) {
            int start = p;
            p = DnsWire.skipRecord(m, p);
            if (DnsWire.recordType(m, start) != DnsWire.TYPE_OPT) {
                continue;
            }
            if (edns != null) {
                throw new MalformedMessageException("more than one OPT record (RFC 6891 §6.1.1)");
            }
            if (m[start] != 0) {
                throw new MalformedMessageException("OPT record not owned by the root");
            }
            int udpSize = DnsWire.u16(m, start + 3);
            int version = m[start + 6] & 0xff;
            boolean dnssecOk = (m[start + 7] & 0x80) != 0;
            edns = new Edns(udpSize, dnssecOk, version, options(m, start + 11, p));
        }
        return edns;
    }

    private static List<Edns.Option> options(byte[] m, int from, int to) {
        List<Edns.Option> options = new ArrayList<>();
        int p = from;
        while (p < to) {
            if (p + 4 > to) {
                throw new MalformedMessageException("truncated EDNS option");
            }
            int code = DnsWire.u16(m, p);
            int length = DnsWire.u16(m, p + 2);
            if (p + 4 + length > to) {
                throw new MalformedMessageException("EDNS option " + code + " runs past its record");
            }
            byte[] data = new byte[length];
            System.arraycopy(m, p + 4, data, 0, length);
            options.add(new Edns.Option(code, data));
            p += 4 + length;
        }
        return options;
    }

    private static Decoded reply(int id, int flags, int rcode, byte[] question, Edns edns, String reason) {
        return new Decoded.Reply(errorReply(id, flags, rcode, question, edns), rcode, reason);
    }

    /** Header, the question when it was readable, and an OPT when the query's was. */
    static byte[] errorReply(int id, int queryFlags, int rcode, byte[] question, Edns edns) {
        byte[] opt = edns == null ? new byte[0] : OptRecord.encode(rcode >>> 4, edns.dnssecOk(), null);
        int qLength = question == null ? 0 : question.length;
        byte[] out = new byte[DnsWire.HEADER + qLength + opt.length];
        DnsWire.put16(out, 0, id);
        // Opcode, RD and CD are echoed (RFC 1035 §4.1.1, RFC 4035 §3.1.6); RA: we offer recursion.
        int flags = DnsWire.QR | (queryFlags & (0x7800 | DnsWire.RD | DnsWire.CD)) | 0x0080 | (rcode & 0xf);
        DnsWire.put16(out, 2, flags);
        DnsWire.put16(out, 4, question == null ? 0 : 1);
        DnsWire.put16(out, 10, edns == null ? 0 : 1);
        if (question != null) {
            System.arraycopy(question, 0, out, DnsWire.HEADER, qLength);
        }
        System.arraycopy(opt, 0, out, DnsWire.HEADER + qLength, opt.length);
        return out;
    }
}
