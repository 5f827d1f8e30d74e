package org.hearth.gateway.log;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;

/**
 * One blocked lookup as the DNS path reports it to {@link BlockLog}.
 *
 * @param time when it was asked
 * @param deviceId the device's stable id (config name or the id of an unknown device)
 * @param deviceName the name shown to people
 * @param client the client's address, without port
 * @param profile the profile the device followed
 * @param name the name asked, normalised (lower case, no trailing dot)
 * @param qtype the query type number (1 = A, 28 = AAAA, ...)
 * @param categories the matched categories' ids, possibly empty (a pause has none)
 * @param reason why it was blocked
 * @param detail the rule or list source that matched, or "" when there is none
 * @param answer what the client was told: "0.0.0.0", "NXDOMAIN", "forcesafesearch.google.com", ...
 */
public record BlockedLookup(
        Instant time,
        String deviceId,
        String deviceName,
        String client,
        String profile,
        String name,
        int qtype,
        List<String> categories,
        BlockReason reason,
        String detail,
        String answer) {

    public BlockedLookup {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        deviceId = deviceId == null ? "" : deviceId;
        deviceName = deviceName == null ? deviceId : deviceName;
        client = client == null ? "" : client;
        profile = profile == null ? "" : profile;
        // Stored comma-separated, so a blank or comma-bearing id would not read back as itself.
        categories = categories == null ? List.of()
                : categories.stream().filter(c -> c != null && !c.isBlank() && c.indexOf(',') < 0).toList();
        detail = detail == null ? "" : detail;
        answer = answer == null ? "" : answer;
    }

    /** The entry for a query the policy blocked; device and profile come from its identity. */
    public static BlockedLookup of(QueryContext query, Instant time, List<String> categories, BlockReason reason,
            String detail, String answer) {
        ClientIdentity who = query.identity();
        return new BlockedLookup(time, who == null ? null : who.deviceId(), who == null ? null : who.deviceName(),
                address(query.client()), who == null ? null : who.profileName(), query.question().key(),
                query.question().type(), categories, reason, detail, answer);
    }

    static String address(InetSocketAddress client) {
        if (client == null) {
            return "";
        }
        return client.getAddress() == null ? client.getHostString() : client.getAddress().getHostAddress();
    }
}
