package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code web:} section: the child-facing web server (block page, "why" page, ask to unblock;
 * gateway/WEB.md). Without {@code listen}, port 80 on each DNS listen address, where the network's
 * devices already reach the box; {@code listen: []} turns the pages off.
 *
 * @param helpline an optional "talk to someone" link the block page and the "why" page show
 */
public record WebConfig(@JsonProperty("listen") List<String> listen,
        @JsonProperty("helpline") @JsonInclude(JsonInclude.Include.NON_NULL) Helpline helpline) {

    public static final int DEFAULT_PORT = 80;

    public WebConfig {
        listen = listen == null ? null : List.copyOf(listen);
    }

    public WebConfig(List<String> listen) {
        this(listen, null);
    }

    /**
     * Someone a child can talk to, e.g. a national child helpline.
     *
     * @param name what the link says ("Child Helpline Cambodia 1280")
     * @param url an http, https or tel link
     */
    public record Helpline(@JsonProperty("name") String name, @JsonProperty("url") String url) {}

    /** The default {@code web.listen} for these {@code dns.listen} entries (invalid ones are left to the checks). */
    static List<String> onDnsAddresses(List<String> dnsListen) {
        List<String> web = new ArrayList<>();
        for (String entry : dnsListen) {
            try {
                InetSocketAddress dns = HostPort.parseListen(entry, 53);
                String address = HostPort.format(new InetSocketAddress(dns.getAddress(), DEFAULT_PORT));
                if (!web.contains(address)) {
                    web.add(address);
                }
            } catch (IllegalArgumentException e) {
                // The standard checks report the bad dns.listen entry with its line; no page there.
            }
        }
        return List.copyOf(web);
    }
}
