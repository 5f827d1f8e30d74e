package org.hearth.gateway.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses a {@code dns.listen} entry: "127.0.0.1:5353", "[::1]:5353", "::1", "host:port"; port 53 when omitted. */
public final class ListenAddress {

    public static final int DNS_PORT = 53;

    private ListenAddress() {}

    /**
     * @throws IllegalArgumentException naming the entry when it is not an address, port or host we can resolve
     */
    public static InetSocketAddress parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("listen address \"" + text + "\": empty");
        }
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("listen address \"" + text + "\": missing ']'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("listen address \"" + text + "\": expected ':port' after ']'");
                }
                port = rest.substring(1);
            }
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s; // a bare IPv6 address: more than one colon and no brackets, so no port
        } else {
            int colon = s.indexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        int portNumber = DNS_PORT;
        if (port != null) {
            try {
                portNumber = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("listen address \"" + text + "\": port \"" + port + "\" is not a number");
            }
            if (portNumber < 0 || portNumber > 65535) {
                throw new IllegalArgumentException("listen address \"" + text + "\": port " + portNumber + " out of range");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("listen address \"" + text + "\": no host");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), portNumber);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("listen address \"" + text + "\": unknown host \"" + host + "\"");
        }
    }

    /** How an address is written in logs and errors: "127.0.0.1:5353", "[::1]:5353". */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
