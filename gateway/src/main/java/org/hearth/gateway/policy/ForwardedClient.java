package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.hearth.gateway.query.Edns;

/**
 * What a trusted forwarder (a dnsmasq in front of us) says about the real client in EDNS options:
 * its MAC (dnsmasq {@code add-mac}, option 65001, sent raw, as base64 or as text) and its address
 * (Client Subnet, RFC 7871, used only when it names a single address: a /24 is a network, not a
 * device).
 */
public record ForwardedClient(MacAddress mac, InetAddress address) {

    /** dnsmasq's EDNS0_OPTION_MAC. */
    public static final int MAC_OPTION = 65001;
    /** RFC 7871 Client Subnet. */
    public static final int ECS_OPTION = 8;

    public static final ForwardedClient NONE = new ForwardedClient(null, null);

    public static ForwardedClient from(Edns edns) {
        if (edns == null) {
            return NONE;
        }
        MacAddress mac = null;
        InetAddress address = null;
        for (Edns.Option o : edns.options()) {
            if (o.code() == MAC_OPTION && mac == null) {
                mac = mac(o.data());
            } else if (o.code() == ECS_OPTION && address == null) {
                address = ecs(o.data());
            }
        }
        return mac == null && address == null ? NONE : new ForwardedClient(mac, address);
    }

    static MacAddress mac(byte[] data) {
        try {
            if (data.length == 6) {
                return MacAddress.of(data);
            }
            String text = new String(data, StandardCharsets.US_ASCII).strip();
            if (MacAddress.looksLikeMac(text)) {
                return MacAddress.parse(text);
            }
            byte[] decoded = Base64.getDecoder().decode(text);
            return decoded.length == 6 ? MacAddress.of(decoded) : null;
        } catch (IllegalArgumentException e) {
            return null; // not a MAC in any of dnsmasq's encodings: ignore the option, keep the query
        }
    }

    static InetAddress ecs(byte[] data) {
        if (data.length < 4) {
            return null;
        }
        int family = (data[0] & 0xff) << 8 | (data[1] & 0xff);
        int sourcePrefix = data[2] & 0xff;
        int length = family == 1 ? 4 : family == 2 ? 16 : 0;
        if (length == 0 || sourcePrefix != length * 8 || data.length - 4 != length) {
            return null;
        }
        byte[] addr = new byte[length];
        System.arraycopy(data, 4, addr, 0, length);
        try {
            return InetAddress.getByAddress(addr);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
