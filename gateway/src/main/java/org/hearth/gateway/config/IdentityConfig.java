package org.hearth.gateway.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * The {@code identity:} section: where the gateway learns which device asked.
 *
 * @param trustedForwarders addresses or CIDRs of forwarders (a dnsmasq in front of us) whose EDNS
 *     MAC option (dnsmasq add-mac) and Client Subnet are believed; from anyone else they are ignored
 * @param leasesFile a dnsmasq DHCP leases file (MAC, IP and hostname of each lease); none by default
 * @param arpFile the kernel's IPv4 neighbour table
 * @param ipv6Neighbours a file holding {@code ip -6 neigh show} output; when unset the command is run
 * @param refresh how often the tables above are read again
 * @param seenFile where unknown devices are remembered, relative to the data folder; empty = memory only
 */
public record IdentityConfig(
        @JsonProperty("trustedForwarders") List<String> trustedForwarders,
        @JsonProperty("leasesFile") String leasesFile,
        @JsonProperty("arpFile") String arpFile,
        @JsonProperty("ipv6Neighbours") String ipv6Neighbours,
        @JsonProperty("refresh") Duration refresh,
        @JsonProperty("seenFile") String seenFile) {

    public static final IdentityConfig DEFAULTS = new IdentityConfig(null, null, null, null, null, null);

    public IdentityConfig {
        trustedForwarders = trustedForwarders == null ? List.of() : List.copyOf(trustedForwarders);
        arpFile = arpFile == null ? "/proc/net/arp" : arpFile;
        refresh = refresh == null ? Duration.ofSeconds(10) : refresh;
        seenFile = seenFile == null ? "devices-seen.json" : seenFile;
    }
}
