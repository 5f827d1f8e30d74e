package org.hearth.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * IP address literals from the config. Names are never resolved here: a config that depends on DNS
 * to find its DNS servers cannot start on a box whose only resolver is itself.
 */
public final class IpLiteral {

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {}

    /** The address, or null when {@code text} is not an IPv4 or (unbracketed) IPv6 literal. */
    public static InetAddress parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (V4.matcher(text).matches()) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
            return literal(text);
        }
        if (text.indexOf(':') >= 0 && V6_CHARS.matcher(text).matches()) {
            return literal("[" + text + "]"); // brackets make the JDK parse a literal and never look up a name
        }
        return null;
    }

    private static InetAddress literal(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
