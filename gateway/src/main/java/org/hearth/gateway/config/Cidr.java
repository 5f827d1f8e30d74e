package org.hearth.gateway.config;

import java.net.InetAddress;

/**
 * A network written as {@code 192.168.0.0/16} or {@code fc00::/7}; an address alone means just that
 * host (/32 or /128).
 */
record Cidr(InetAddress address, int prefixLength) {

    static Cidr parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpLiteral.parse(host);
        if (address == null) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a CIDR (\"" + host
                    + "\" is not an IP address; write e.g. 192.168.1.0/24 or fd00::/8)");
        }
        int max = address.getAddress().length * 8;
        if (slash < 0) {
            return new Cidr(address, max);
        }
        String prefix = text.substring(slash + 1);
        int length = prefix.matches("\\d{1,3}") ? Integer.parseInt(prefix) : -1;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a CIDR (prefix length 0-" + max
                    + " for IPv" + (max == 32 ? "4" : "6") + ")");
        }
        return new Cidr(address, length);
    }

    /** Whether {@code candidate} lies in this network (never across address families). */
    boolean contains(InetAddress candidate) {
        byte[] net = address.getAddress();
        byte[] other = candidate.getAddress();
        if (net.length != other.length) {
            return false;
        }
        int bits = prefixLength;
        for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((net[i] & mask) != (other[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
