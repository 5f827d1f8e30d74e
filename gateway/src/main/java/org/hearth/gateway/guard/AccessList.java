package org.hearth.gateway.guard;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.config.Cidr;

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

    /** Judges an IPv4-mapped client (dual-stack socket) by its IPv4 address, so 192.168.0.0/16 covers it. */
    public boolean allows(InetAddress client) {
        for (Cidr cidr : allowed) {
            if (cidr.contains(client)) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> networks() {
        return allowed;
    }
}
