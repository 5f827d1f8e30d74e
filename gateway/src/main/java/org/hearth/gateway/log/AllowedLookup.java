package org.hearth.gateway.log;

import java.time.Instant;
import java.util.Objects;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;

/**
 * One allowed lookup, recorded only when the admin turned {@code log.allowed} on, and kept for the
 * shorter {@code log.allowedRetentionDays}: unlike blocks, these are the family's browsing history.
 *
 * @param answer what the client was told, e.g. "NOERROR" or "NXDOMAIN"
 */
public record AllowedLookup(Instant time, String deviceId, String deviceName, String client, String profile,
        String name, int qtype, String answer) {

    public AllowedLookup {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(name, "name");
        deviceId = deviceId == null ? "" : deviceId;
        deviceName = deviceName == null ? deviceId : deviceName;
        client = client == null ? "" : client;
        profile = profile == null ? "" : profile;
        answer = answer == null ? "" : answer;
    }

    public static AllowedLookup of(QueryContext query, Instant time, String answer) {
        ClientIdentity who = query.identity();
        return new AllowedLookup(time, who == null ? null : who.deviceId(), who == null ? null : who.deviceName(),
                BlockedLookup.address(query.client()), who == null ? null : who.profileName(),
                query.question().key(), query.question().type(), answer);
    }
}
