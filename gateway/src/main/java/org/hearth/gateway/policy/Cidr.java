package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block ("10.1.2.0/24", "fd00::/64"); a plain address is a /32 or /128. */
public record Cidr(byte[] network, int prefix) {

    /**
     * Parses a CIDR or a single address. Only literals are accepted: a host name here would mean a
     * DNS lookup while compiling the policy.
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        InetAddress address = literal(addr, text);
        int max = address.getAddress().length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" has no prefix length after /");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("\"" + text + "\": prefix length must be 0 to " + max);
            }
        }
        return new Cidr(mask(address.getAddress(), prefix), prefix);
    }

    /** Whether {@code text} is an IP literal (v4 dotted quad or v6 with colons), with no prefix. */
    public static boolean isAddressLiteral(String text) {
        try {
            literal(text.strip(), text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static InetAddress literal(String addr, String shown) {
        String a = addr.startsWith("[") && addr.endsWith("]") ? addr.substring(1, addr.length() - 1) : addr;
        boolean v4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (v4) {
            for (String octet : a.split("\\.")) {
                v4 &= Integer.parseInt(octet) <= 255;
            }
        }
        boolean v6 = a.contains(":") && a.matches("[0-9A-Fa-f:.]+(%[\\w.-]+)?");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("\"" + shown + "\" is not an IP address, CIDR or MAC address");
        }
        try {
            // Checked above to be a literal, so this never resolves a name (Java 17 throws for a bad
            // literal with a colon instead of trying DNS).
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + shown + "\" is not an IP address, CIDR or MAC address");
        }
    }

    /** Addresses left free by the prefix: 0 for a single address of either family. */
    public int hostBits() {
        return network.length * 8 - prefix;
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int m = (0xff << (8 - rest)) & 0xff;
        return (a[full] & m) == (network[full] & m);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & ((0xff << (8 - bits)) & 0xff));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }
}
