package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code admin:} section: where the admin web UI and API listen. Without {@code listen}, port
 * 8080 on each DNS listen address: the page is where the network's devices already reach the box,
 * and nowhere else. {@code listen: []} turns the page off.
 *
 * @param users the accounts that may sign in (first-run setup creates the first admin); ADMIN.md
 * @param hosts host names, besides IP literals, localhost and {@code blocking.boxName}, that the
 *     page answers to: any other Host header is refused, against DNS rebinding (SECURITY.md)
 */
public record AdminConfig(
        @JsonProperty("listen") List<String> listen,
        @JsonProperty("users") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AdminUserConfig> users,
        @JsonProperty("hosts") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> hosts) {

    public static final int DEFAULT_PORT = 8080;

    public AdminConfig {
        listen = listen == null ? null : List.copyOf(listen);
        users = users == null ? List.of() : List.copyOf(users);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public AdminConfig(List<String> listen) {
        this(listen, null, null);
    }

    /** This section with other accounts (the admin page's users API). */
    public AdminConfig withUsers(List<AdminUserConfig> next) {
        return new AdminConfig(listen, next, hosts);
    }

    AdminConfig withListen(List<String> next) {
        return new AdminConfig(next, users, hosts);
    }

    /** The default {@code admin.listen} for these {@code dns.listen} entries (invalid ones are left to the checks). */
    static List<String> onDnsAddresses(List<String> dnsListen) {
        List<String> admin = new ArrayList<>();
        for (String entry : dnsListen) {
            try {
                InetSocketAddress dns = HostPort.parseListen(entry, 53);
                String address = HostPort.format(new InetSocketAddress(dns.getAddress(), DEFAULT_PORT));
                if (!admin.contains(address)) {
                    admin.add(address);
                }
            } catch (IllegalArgumentException e) {
                // The standard checks report the bad dns.listen entry with its line; no page there.
            }
        }
        return List.copyOf(admin);
    }
}
