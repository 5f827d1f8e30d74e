package org.hearth.gateway.policy;

import java.time.Instant;
import java.util.List;
import org.hearth.gateway.query.ClientIdentity;

/**
 * The temporary allows in force (approved unblock requests, for an hour or for today). The policy
 * reads them on every query right after the allow list; there are a handful at most, so a scan of
 * an immutable list read through one volatile field is cheaper than any index. Whoever owns the
 * rows (web/UnblockRequests, backed by hearth.db) publishes the whole list after each change.
 * An allow past its end stops counting at once, whether or not it has been purged yet.
 */
public final class TemporaryAllows {

    private volatile List<TemporaryAllow> current = List.of();

    /** The domain of an allow that lets {@code name} through for {@code who} at {@code now}, or null. */
    public String match(ClientIdentity who, String name, Instant now) {
        List<TemporaryAllow> allows = current;
        for (int i = 0; i < allows.size(); i++) {
            TemporaryAllow allow = allows.get(i);
            if (allow.covers(who, name, now)) {
                return allow.domain();
            }
        }
        return null;
    }

    /** Replaces every allow at once; a query sees the old list or the new one, never a mix. */
    public void publish(List<TemporaryAllow> allows) {
        current = List.copyOf(allows);
    }

    public List<TemporaryAllow> all() {
        return current;
    }
}
