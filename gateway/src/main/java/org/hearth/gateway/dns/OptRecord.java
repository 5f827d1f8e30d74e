package org.hearth.gateway.dns;

import java.nio.charset.StandardCharsets;
import org.hearth.gateway.query.Answer;

/** Encodes the OPT record the gateway puts in its answers (RFC 6891 §6.1.2, EDE per RFC 8914 §2). */
final class OptRecord {

    /**
     * What we advertise and the most we send over UDP: the DNS Flag Day 2020 size, which avoids IP
     * fragmentation on every path a home network has.
     */
    static final int UDP_SIZE = 1232;
    static final int OPTION_EDE = 15;
    /** Keeps an EDE text from pushing even a truncated answer past 512 bytes. */
    private static final int MAX_EDE_TEXT = 200;

    private OptRecord() {}

    static byte[] encode(int extendedRcode, boolean dnssecOk, Answer.ExtendedError ede) {
        byte[] text = ede == null || ede.text() == null ? new byte[0] : utf8Prefix(ede.text());
        int rdLength = ede == null ? 0 : 4 + 2 + text.length;
        byte[] out = new byte[11 + rdLength];
        out[0] = 0; // root name
        DnsWire.put16(out, 1, DnsWire.TYPE_OPT);
        DnsWire.put16(out, 3, UDP_SIZE);
        out[5] = (byte) extendedRcode;
        out[6] = 0; // version 0: the only one there is
        out[7] = (byte) (dnssecOk ? 0x80 : 0);
        out[8] = 0;
        DnsWire.put16(out, 9, rdLength);
        if (ede != null) {
            DnsWire.put16(out, 11, OPTION_EDE);
            DnsWire.put16(out, 13, 2 + text.length);
            DnsWire.put16(out, 15, ede.code());
            System.arraycopy(text, 0, out, 17, text.length);
        }
        return out;
    }

    private static byte[] utf8Prefix(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_EDE_TEXT) {
            return bytes;
        }
        int end = MAX_EDE_TEXT;
        while (end > 0 && (bytes[end] & 0xc0) == 0x80) {
            end--; // do not cut a UTF-8 sequence in half
        }
        byte[] cut = new byte[end];
        System.arraycopy(bytes, 0, cut, 0, end);
        return cut;
    }
}
