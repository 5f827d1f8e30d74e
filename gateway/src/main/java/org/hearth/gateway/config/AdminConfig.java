package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code admin:} section: where the admin web UI and API listen. Without {@code listen}, port
 * 8080 on each DNS listen address: the page is where the network's devices already reach the box,
 * and nowhere else. {@code listen: []} turns the page off.
 */
public record AdminConfig(@JsonProperty("listen") List<String> listen) {

    public static final int DEFAULT_PORT = 8080;

    public AdminConfig {
        listen = listen == null ? null : List.copyOf(listen);
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
