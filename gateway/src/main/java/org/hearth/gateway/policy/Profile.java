package org.hearth.gateway.policy;

import java.time.ZonedDateTime;
import java.util.List;
import org.hearth.blocklists.CategorySet;

/**
 * A compiled profile: its preset already folded in, rules normalised, categories as a bit set
 * (including dns-bypass and proxy-vpn when bypass protection is on).
 */
public record Profile(String name, CategorySet blocked, DomainRules allow, DomainRules deny,
        boolean safeSearch, YouTubeMode youtube, boolean bypassProtection, boolean allowOnly,
        BlockMode blockMode, List<Schedule> schedules) {

    public Profile {
        schedules = List.copyOf(schedules);
    }

    /** The first window in force that blocks everything but the allow list, or null. */
    public Schedule blockAllWindow(ZonedDateTime now) {
        for (Schedule s : schedules) {
            if (s.blockAll() && s.activeAt(now)) {
                return s;
            }
        }
        return null;
    }

    /** The categories blocked right now: the profile's and those of every window in force. */
    public CategorySet blockedAt(ZonedDateTime now) {
        CategorySet set = blocked;
        for (Schedule s : schedules) {
            if (!s.extra().isEmpty() && s.activeAt(now)) {
                set = set.union(s.extra());
            }
        }
        return set;
    }

    /** The window in force that adds one of {@code categories}, or null if the profile blocks them itself. */
    public Schedule windowBlocking(CategorySet categories, ZonedDateTime now) {
        if (blocked.intersects(categories)) {
            return null;
        }
        for (Schedule s : schedules) {
            if (s.extra().intersects(categories) && s.activeAt(now)) {
                return s;
            }
        }
        return null;
    }
}
