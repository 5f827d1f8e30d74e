package org.hearth.gateway.policy;

import java.net.IDN;
import java.util.Locale;

/** How policy compares names: lower case, no trailing dot, IDNs in their A-label (punycode) form. */
public final class DomainNames {

    private DomainNames() {}

    /**
     * The canonical form of a name written by a person or read from a packet.
     *
     * @throws IllegalArgumentException when it is not a domain name (empty label, bad IDN, too long)
     */
    public static String normalise(String name) {
        String n = name.strip();
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
        if (n.startsWith("*.")) {
            throw new IllegalArgumentException("write " + n.substring(2) + ": a rule already covers every name below it");
        }
        String ascii = isAscii(n) ? n : IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.length() > 253) {
            throw new IllegalArgumentException("longer than 253 characters");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new IllegalArgumentException("label \"" + label + "\" is empty or longer than 63");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    throw new IllegalArgumentException("'" + c + "' is not allowed in a name");
                }
            }
        }
        return ascii;
    }

    /** The parent of a normalised name ("a.b.c" gives "b.c"), or null at the top label. */
    public static String parent(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? null : name.substring(dot + 1);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
