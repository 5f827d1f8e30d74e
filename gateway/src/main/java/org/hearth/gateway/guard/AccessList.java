package org.hearth.gateway.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** The client networks that get answers (dns.allow). Immutable; a config change builds a new one. */
public final class AccessList {

    private final List<Cidr> allowed;

    private AccessList(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * @throws IllegalArgumentException listing every entry that is not a network, with its index
     */
    public static AccessList of(List<String> entries) {
        List<Cidr> parsed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                parsed.add(Cidr.parse(entries.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add("dns.allow[" + i + "]: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new AccessList(parsed);
    }

    public boolean allows(InetAddress client) {
        InetAddress address = unmapped(client);
        for (Cidr cidr : allowed) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> networks() {
        return allowed;
    }

    /**
     * A dual-stack socket shows IPv4 clients as ::ffff:a.b.c.d; judge them by their IPv4 address
     * so that "192.168.0.0/16" covers them.
     */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new AssertionError("4 bytes are always an IPv4 address", e);
                }
            }
        }
        return address;
    }
}
