package org.hearth.gateway.resolve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses the strings of the {@code upstreams:} list: an IP address literal, optionally with a port. */
public final class UpstreamAddress {

    public static final int DNS_PORT = 53;

    private UpstreamAddress() {}

    /**
     * Accepts "1.2.3.4", "1.2.3.4:5300", "::1", "[::1]" and "[::1]:53"; the port is 53 when omitted.
     * Host names are refused on purpose: resolving the resolver's own upstream would need DNS.
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static InetSocketAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("upstream address is empty");
        }
        String value = text.strip();
        String host;
        int port = DNS_PORT;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw invalid(text, "missing ']' after the IPv6 address");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw invalid(text, "expected ':port' after ']'");
                }
                port = port(text, rest.substring(1));
            }
            if (!host.contains(":")) {
                throw invalid(text, "brackets are only for IPv6 addresses");
            }
        } else if (value.indexOf(':') != value.lastIndexOf(':')) {
            host = value; // several colons and no brackets: a bare IPv6 address, no port
        } else if (value.indexOf(':') >= 0) {
            host = value.substring(0, value.indexOf(':'));
            port = port(text, value.substring(value.indexOf(':') + 1));
        } else {
            host = value;
        }
        return new InetSocketAddress(literal(text, host), port);
    }

    private static InetAddress literal(String text, String host) {
        boolean ipv6 = host.contains(":");
        boolean ipv4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!ipv6 && !ipv4) {
            throw invalid(text, "not an IP address (host names are not allowed for upstreams)");
        }
        if (ipv6 && !host.matches("[0-9A-Fa-f:.]+")) {
            throw invalid(text, "not an IPv6 address");
        }
        if (ipv4) {
            for (String octet : host.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw invalid(text, "not an IPv4 address (" + octet + " is above 255)");
                }
            }
        }
        try {
            // Only literals reach this point, so getByName does no lookup.
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw invalid(text, "not an IP address");
        }
    }

    private static int port(String text, String digits) {
        if (!digits.matches("\\d{1,5}")) {
            throw invalid(text, "port \"" + digits + "\" is not a number");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw invalid(text, "port " + port + " is outside 1..65535");
        }
        return port;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("upstream \"" + text + "\": " + why);
    }
}
