package org.hearth.gateway.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Socket addresses as written in hearth.yml: {@code 127.0.0.1:5353}, {@code [::1]:5353}, or an address
 * alone for the default port ({@code 192.168.1.1}, {@code ::1}). IPv6 with a port needs brackets, as
 * in URLs, because {@code ::1:53} would otherwise be ambiguous.
 */
public final class HostPort {

    private HostPort() {}

    /** A listen address; port 0 is allowed (the system picks one, for tests). */
    public static InetSocketAddress parseListen(String text, int defaultPort) {
        return parse(text, defaultPort, 0);
    }

    /** An upstream server address; port 53 when omitted. */
    public static InetSocketAddress parseUpstream(String text) {
        return parse(text, 53, 1);
    }

    private static InetSocketAddress parse(String raw, int defaultPort, int minPort) {
        String text = raw == null ? "" : raw.strip();
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw problem(raw, "missing ] after the IPv6 address");
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw problem(raw, "unexpected \"" + rest + "\" after ]");
                }
                port = rest.substring(1);
            }
            if (host.indexOf(':') < 0) {
                throw problem(raw, "brackets are only for IPv6 addresses");
            }
        } else if (text.indexOf(':') != text.lastIndexOf(':')) {
            host = text; // several colons and no brackets: an IPv6 address alone, default port
        } else if (text.indexOf(':') >= 0) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        } else {
            host = text;
        }
        if (host.indexOf('%') >= 0) {
            throw problem(raw, "zone ids such as %eth0 are not supported");
        }
        InetAddress address = IpLiteral.parse(host);
        if (address == null) {
            throw problem(raw, host.isEmpty() ? "the address is missing"
                    : "\"" + host + "\" is not an IP address; names are not resolved here");
        }
        int portNumber = defaultPort;
        if (port != null) {
            portNumber = port.matches("\\d{1,5}") ? Integer.parseInt(port) : -1;
            if (portNumber < minPort || portNumber > 65535) {
                throw problem(raw, "port " + minPort + "-65535");
            }
        }
        return new InetSocketAddress(address, portNumber);
    }

    private static IllegalArgumentException problem(String raw, String why) {
        return new IllegalArgumentException("\"" + raw + "\" is not host:port (" + why + ")");
    }

    /** How an address is written back into the config: {@code 127.0.0.1:53}, {@code [::1]:53}. */
    public static String format(InetSocketAddress address) {
        byte[] bytes = address.getAddress().getAddress();
        return (bytes.length == 16 ? "[" + ipv6(bytes) + "]" : address.getAddress().getHostAddress())
                + ":" + address.getPort();
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as ::. */
    static String ipv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
