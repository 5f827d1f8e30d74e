package org.hearth.blocklists;

import java.net.IDN;

/**
 * The one normaliser for names: lower case, no trailing dot, IDNs in A-label (punycode) form,
 * syntax checked. Lists, the CLI and the gateway all go through it, so they agree on spelling.
 */
public final class DomainNames {

    /** RFC 1035 2.3.4: 255 octets on the wire, which is 253 characters in text without the root dot. */
    public static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL = 63;

    private DomainNames() {}

    /** The normal form of {@code raw}, or null if it is not a valid host name (IP literals are not). */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return null;
        }
        if (!isAscii(s)) {
            try {
                s = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                return null; // not convertible to an A-label: the caller reports it as an invalid name
            }
        }
        s = toLowerAscii(s);
        return isValid(s) ? s : null;
    }

    /** True if {@code s} is already in normal form and syntactically a host name. */
    public static boolean isValid(String s) {
        int n = s.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        int labelStart = 0;
        boolean lastLabelNumeric = true;
        for (int i = 0; i <= n; i++) {
            char c = i < n ? s.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > MAX_LABEL) {
                    return false;
                }
                if (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') {
                    return false;
                }
                if (i == n) {
                    break;
                }
                labelStart = i + 1;
                lastLabelNumeric = true;
                continue;
            }
            boolean digit = c >= '0' && c <= '9';
            if (!(digit || (c >= 'a' && c <= 'z') || c == '-' || c == '_')) {
                return false;
            }
            if (!digit) {
                lastLabelNumeric = false;
            }
        }
        // An all-digit top label is an IPv4 literal or junk, never a registrable name.
        return !lastLabelNumeric;
    }

    /** True if {@code s} looks like an IPv4 or IPv6 literal (lists mix them with names). */
    public static boolean isIpLiteral(String s) {
        if (s.indexOf(':') >= 0) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%') {
                    return true; // a scoped address such as fe80::1%lo0; the zone id is free text
                }
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '/')) {
                    return false;
                }
            }
            return true;
        }
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(c >= '0' && c <= '9') && c != '/') {
                return false;
            }
        }
        return dots == 3;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String toLowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + 32);
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }
}
