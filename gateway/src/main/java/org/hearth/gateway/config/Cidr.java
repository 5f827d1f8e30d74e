package org.hearth.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A network written as {@code 192.168.0.0/16} or {@code fc00::/7}; an address alone means just that
 * host (/32 or /128). The one network type of the gateway: dns.allow, device matches and trusted
 * forwarders all parse through here.
 *
 * <p>The network is stored masked, so {@code 10.1.2.3/8} equals {@code 10.0.0.0/8}. An IPv4-mapped IPv6
 * address ({@code ::ffff:a.b.c.d}, what a dual-stack socket reports for an IPv4 client) is judged as the
 * IPv4 address, both when written in the config and when asked about.
 */
public record Cidr(InetAddress network, int prefixLength) {

    /** Bits of an IPv6 address in front of the IPv4 part of a mapped address. */
    private static final int MAPPED_PREFIX = 96;

    /**
     * Parses a CIDR or a single address. Only literals: a host name here would mean a DNS lookup at
     * start-up, through ourselves.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Cidr parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        InetAddress address = IpLiteral.parse(host);
        if (address == null) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a CIDR (\"" + host
                    + "\" is not an IP address; write e.g. 192.168.1.0/24 or fd00::/8)");
        }
        // The JDK already turns "::ffff:10.0.0.0" into an IPv4 address; its prefix still counts IPv6 bits.
        boolean writtenAsMapped = host.indexOf(':') >= 0 && address.getAddress().length == 4;
        int max = writtenAsMapped ? 128 : address.getAddress().length * 8;
        int min = writtenAsMapped ? MAPPED_PREFIX : 0;
        if (slash < 0) {
            return new Cidr(address, address.getAddress().length * 8);
        }
        String prefix = text.substring(slash + 1);
        int length = prefix.matches("\\d{1,3}") ? Integer.parseInt(prefix) : -1;
        if (length < min || length > max) {
            throw new IllegalArgumentException("\"" + raw + "\" is not a CIDR (prefix length " + min + "-" + max
                    + (writtenAsMapped ? " for an IPv4-mapped IPv6 address" : " for IPv" + (max == 32 ? "4" : "6"))
                    + ")");
        }
        return new Cidr(address, writtenAsMapped ? length - MAPPED_PREFIX : length);
    }

    /** @throws IllegalArgumentException when the prefix does not fit the address family */
    public Cidr {
        int max = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0-" + max);
        }
        network = masked(network.getAddress(), prefixLength);
    }

    /** Whether {@code candidate} lies in this network (never across address families, mapped IPv4 aside). */
    public boolean contains(InetAddress candidate) {
        return matches(network.getAddress(), prefixLength, unmapped(candidate.getAddress()));
    }

    /**
     * Whether {@code address} (as {@link #unmapped} gives it) lies in the network with these bytes
     * and prefix: for callers that check every question and keep the network's bytes at hand,
     * since each {@code getAddress()} is a copy.
     */
    public static boolean matches(byte[] network, int prefixLength, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        int bits = prefixLength;
        for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((network[i] & mask) != (address[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Address bits left free by the prefix: 0 for a single address of either family; more is wider. */
    public int hostBits() {
        return network.getAddress().length * 8 - prefixLength;
    }

    /** As written in the config, canonically: {@code 10.0.0.0/8}, {@code fc00::/7}. */
    @Override
    public String toString() {
        byte[] bytes = network.getAddress();
        return (bytes.length == 16 ? HostPort.ipv6(bytes) : network.getHostAddress()) + "/" + prefixLength;
    }

    private static InetAddress masked(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    /** {@code ::ffff:a.b.c.d} as its 4 IPv4 bytes; anything else unchanged. */
    public static byte[] unmapped(byte[] b) {
        if (b.length != 16) {
            return b;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return b;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff ? Arrays.copyOfRange(b, 12, 16) : b;
    }
}
