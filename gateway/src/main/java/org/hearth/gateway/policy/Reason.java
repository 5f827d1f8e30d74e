package org.hearth.gateway.policy;

import java.time.Instant;
import java.util.List;

/**
 * Why a decision was made, in terms a parent and the log understand: which rule or list, which
 * category, which schedule, pause or canary. Unused fields are null (lists are empty).
 *
 * @param kind what decided
 * @param categories the category ids that matched (CATEGORY, SCHEDULE, CNAME_CLOAKING)
 * @param matched the rule or listed name that matched ("example.com" covers "a.example.com")
 * @param sources the configured list sources of those categories, as far as the config says
 * @param schedule the schedule window in force
 * @param via for CNAME cloaking: the name in the answer chain that is blocked
 * @param until for a pause: when it ends
 */
public record Reason(Kind kind, List<String> categories, String matched, List<String> sources,
        String schedule, String via, Instant until) {

    public Reason {
        categories = categories == null ? List.of() : List.copyOf(categories);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** What decided. */
    public enum Kind {
        /** Nothing matched: the name resolves normally. */
        NO_RULE,
        /** The profile's allow list. */
        ALLOW_RULE,
        /** A parent approved the child's unblock request for a while (web/UnblockRequests). */
        TEMPORARY_ALLOW,
        /** The profile's deny list. */
        DENY_RULE,
        /** A blocked category of the profile. */
        CATEGORY,
        /** A schedule window: its extra categories, or everything but the allow list. */
        SCHEDULE,
        /** The device is paused. */
        PAUSE,
        /** The profile only allows its allow list (a school lab). */
        ALLOW_ONLY,
        /** A bypass canary (use-application-dns.net, iCloud Private Relay, DDR). */
        CANARY,
        /** An answer whose CNAME chain reaches a blocked name. */
        CNAME_CLOAKING,
        /** SafeSearch or YouTube restricted mode rewrote the name. */
        SAFE_SEARCH
    }

    public static Reason of(Kind kind) {
        return new Reason(kind, null, null, null, null, null, null);
    }

    public static Reason rule(Kind kind, String matched) {
        return new Reason(kind, null, matched, null, null, null, null);
    }

    /** The first category named, or null: what the EDE text and the block page lead with. */
    public String category() {
        return categories.isEmpty() ? null : categories.get(0);
    }

    /** One line for the log, the EDE text and {@code hearth lists check}. */
    public String text() {
        // Sized for the usual "category x (listed as y) [source]": built for every logged block.
        StringBuilder sb = new StringBuilder(96);
        switch (kind) {
            case NO_RULE -> sb.append("no rule matched");
            case ALLOW_RULE -> sb.append("allow list: ").append(matched);
            case TEMPORARY_ALLOW -> sb.append("allowed for now: ").append(matched);
            case DENY_RULE -> sb.append("deny list: ").append(matched);
            case CATEGORY -> join(sb.append("category "), categories, ",");
            case SCHEDULE -> sb.append("schedule \"").append(schedule).append('"')
                    .append(categories.isEmpty() ? ": everything but the allow list"
                            : ": category " + String.join(",", categories));
            case PAUSE -> sb.append("paused until ").append(until);
            case ALLOW_ONLY -> sb.append("allow-list-only profile: not on the allow list");
            case CANARY -> sb.append("bypass prevention: ").append(matched);
            case CNAME_CLOAKING -> sb.append("CNAME to ").append(via);
            case SAFE_SEARCH -> sb.append("SafeSearch: ").append(matched);
        }
        if (kind != Kind.CANARY && kind != Kind.ALLOW_RULE && kind != Kind.TEMPORARY_ALLOW && kind != Kind.DENY_RULE
                && kind != Kind.SAFE_SEARCH && matched != null) {
            sb.append(" (listed as ").append(matched).append(')');
        }
        if (!sources.isEmpty()) {
            join(sb.append(" ["), sources, ", ").append(']');
        }
        return sb.toString();
    }

    /** As String.join, into {@code sb}: no array and no string between. */
    private static StringBuilder join(StringBuilder sb, List<String> items, String separator) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(items.get(i));
        }
        return sb;
    }
}
