package org.hearth.gateway.log;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
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
        categories = categories == null ? List.of() : storable(categories);
        detail = detail == null ? "" : detail;
        answer = answer == null ? "" : answer;
    }

    /**
     * The ids that read back as themselves once stored comma-separated (not blank, no comma); the
     * list itself when all do, as the policy's precomputed lists do. A loop, not a stream: this runs
     * for every blocked lookup on the log's writer, and a stream's pipeline was the largest thing
     * the JIT compiled while a burst of blocked names was being served (-XX:+LogCompilation).
     */
    private static List<String> storable(List<String> categories) {
        for (String c : categories) {
            if (!storable(c)) {
                List<String> kept = new ArrayList<>(categories.size());
                for (String each : categories) {
                    if (storable(each)) {
                        kept.add(each);
                    }
                }
                return List.copyOf(kept);
            }
        }
        return List.copyOf(categories);
    }

    private static boolean storable(String category) {
        return category != null && !category.isBlank() && category.indexOf(',') < 0;
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
