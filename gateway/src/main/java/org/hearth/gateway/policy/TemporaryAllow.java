package org.hearth.gateway.policy;

import java.time.Instant;
import java.util.Objects;
import org.hearth.gateway.query.ClientIdentity;

/**
 * A parent's "yes, for now": {@code domain} and every name below it resolve for one device, or for
 * every device of one profile, until {@code until}. Exactly one of {@code deviceId} and
 * {@code profile} is set.
 *
 * @param id the row in hearth.db, so the admin page can end it early
 * @param domain a normalised name
 */
public record TemporaryAllow(long id, String domain, String deviceId, String profile, Instant until) {

    public TemporaryAllow {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(until, "until");
        if ((deviceId == null) == (profile == null)) {
            throw new IllegalArgumentException("a temporary allow is for one device or for one profile");
        }
    }

    /** Whether it lets {@code name} through for {@code who} at {@code now}. */
    public boolean covers(ClientIdentity who, String name, Instant now) {
        if (who == null || !now.isBefore(until)) {
            return false;
        }
        boolean mine = deviceId != null ? deviceId.equals(who.deviceId()) : profile.equals(who.profileName());
        return mine && (name.equals(domain) || name.endsWith("." + domain));
    }
}
