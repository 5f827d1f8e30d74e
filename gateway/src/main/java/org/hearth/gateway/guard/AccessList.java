package org.hearth.gateway.guard;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.config.Cidr;

/** The client networks that get answers (dns.allow). Immutable; a config change builds a new one. */
public final class AccessList {

    private final List<Cidr> allowed;
    /**
     * The networks' bytes and prefixes, read once: a check (two a question, with the rate limit's
     * exemptions) then copies only the client's address (twice for an IPv4-mapped one).
     */
    private final byte[][] networks;
    private final int[] prefixes;

    private AccessList(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
        this.networks = new byte[allowed.size()][];
        this.prefixes = new int[allowed.size()];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = allowed.get(i).network().getAddress();
            prefixes[i] = allowed.get(i).prefixLength();
        }
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

    /** Judges an IPv4-mapped client (dual-stack socket) by its IPv4 address, so 192.168.0.0/16 covers it. */
    public boolean allows(InetAddress client) {
        byte[] address = Cidr.unmapped(client.getAddress());
        for (int i = 0; i < networks.length; i++) {
            if (Cidr.matches(networks[i], prefixes[i], address)) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> networks() {
        return allowed;
    }
}
