package org.hearth.gateway.policy;

import java.util.HexFormat;
import java.util.Locale;

/** An Ethernet MAC address, parsed once; {@link #toString()} is lower case with colons. */
public record MacAddress(long value) {

    /** Parses aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff or aabb.ccdd.eeff (any case). */
    public static MacAddress parse(String text) {
        String hex = text.strip().replace(":", "").replace("-", "").replace(".", "").toLowerCase(Locale.ROOT);
        if (hex.length() != 12) {
            throw new IllegalArgumentException("\"" + text + "\" is not a MAC address");
        }
        try {
            return new MacAddress(HexFormat.fromHexDigitsToLong(hex));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a MAC address", e);
        }
    }

    public static boolean looksLikeMac(String text) {
        return text.strip().matches("(?i)([0-9a-f]{2}[:-]){5}[0-9a-f]{2}|([0-9a-f]{4}\\.){2}[0-9a-f]{4}");
    }

    public static MacAddress of(byte[] six) {
        if (six.length != 6) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, not " + six.length);
        }
        long v = 0;
        for (byte b : six) {
            v = (v << 8) | (b & 0xff);
        }
        return new MacAddress(v);
    }

    @Override
    public String toString() {
        String hex = HexFormat.of().toHexDigits(value).substring(4);
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }
}
