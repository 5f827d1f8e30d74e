package org.hearth.gateway.policy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.CategorySet;
import org.hearth.blocklists.DomainIndex;
import org.hearth.blocklists.IndexMatch;
import org.hearth.gateway.policy.Decision.Response;
import org.hearth.gateway.query.ClientIdentity;

/**
 * The order in which rules decide (gateway/POLICY.md, "Which rule decides"): pause, bypass
 * canaries, allow list, temporary allows (an approved unblock request), deny list, allow-only, a block-all window, categories (the profile's and
 * those of windows in force), then SafeSearch on whatever is still allowed. An {@code _esni.} name
 * of a blocked name needs no rule of its own: every rule covers the names below it.
 */
final class Decider {

    private static final Reason NO_RULE = Reason.of(Reason.Kind.NO_RULE);
    private static final int NAMED_BITS = 6;

    private final CategoryCatalog catalog;
    private final Map<String, List<String>> sourcesByCategory;
    private final SafeSearchTargets safeSearch;
    private final AtomicReferenceArray<Named> named = new AtomicReferenceArray<>(1 << NAMED_BITS);

    Decider(CategoryCatalog catalog, Map<String, List<String>> sourcesByCategory, SafeSearchTargets safeSearch) {
        this.catalog = catalog;
        this.sourcesByCategory = sourcesByCategory;
        this.safeSearch = safeSearch;
    }

    Decision decide(Profile p, ClientIdentity who, String name, int type, ZonedDateTime now, DomainIndex index,
            Instant pausedUntil, TemporaryAllows allows) {
        if (pausedUntil != null && now.toInstant().isBefore(pausedUntil)) {
            Reason r = new Reason(Reason.Kind.PAUSE, null, null, null, null, null, pausedUntil);
            return new Decision.Blocked(name, who, r, Response.of(p.blockMode()));
        }
        if (p.bypassProtection()) {
            Decision canary = canary(name, who);
            if (canary != null) {
                return canary;
            }
        }
        String allowed = p.allow().match(name);
        if (allowed != null) {
            return rewriteOrAllow(p, who, name, type, Reason.rule(Reason.Kind.ALLOW_RULE, allowed));
        }
        // A parent said yes to this child's request: like the allow list, for a while.
        String approved = allows.match(who, name, now.toInstant());
        if (approved != null) {
            return rewriteOrAllow(p, who, name, type, Reason.rule(Reason.Kind.TEMPORARY_ALLOW, approved));
        }
        Decision.Blocked blocked = blockedByRules(p, who, name, now, index);
        if (blocked != null) {
            return blocked;
        }
        return rewriteOrAllow(p, who, name, type, NO_RULE);
    }

    Decision.Blocked checkChain(Profile p, ClientIdentity who, String asked, List<String> chain,
            ZonedDateTime now, DomainIndex index, TemporaryAllows allows) {
        if (p.allow().match(asked) != null || allows.match(who, asked, now.toInstant()) != null) {
            return null; // allowed by hand: the admin chose this name, whatever it points to
        }
        CategorySet blockedNow = p.blockedAt(now);
        for (String target : chain) {
            if (p.allow().match(target) != null) {
                continue;
            }
            String denied = p.deny().match(target);
            if (denied != null) {
                Reason r = new Reason(Reason.Kind.CNAME_CLOAKING, null, denied, null, null, target, null);
                return new Decision.Blocked(asked, who, r, Response.of(p.blockMode()));
            }
            IndexMatch m = index.lookup(target);
            CategorySet hit = m.categories().intersection(blockedNow);
            if (!hit.isEmpty()) {
                Schedule window = p.windowBlocking(hit, now);
                Named n = named(hit);
                Reason r = new Reason(Reason.Kind.CNAME_CLOAKING, n.ids(), m.matchedDomain(),
                        n.sources(), window == null ? null : window.name(), target, null);
                return new Decision.Blocked(asked, who, r, Response.of(p.blockMode()));
            }
        }
        return null;
    }

    /** Deny list, allow-only, block-all windows and categories: everything after the allow list. */
    private Decision.Blocked blockedByRules(Profile p, ClientIdentity who, String name, ZonedDateTime now,
            DomainIndex index) {
        Response response = Response.of(p.blockMode());
        String denied = p.deny().match(name);
        if (denied != null) {
            return new Decision.Blocked(name, who, Reason.rule(Reason.Kind.DENY_RULE, denied), response);
        }
        if (p.allowOnly()) {
            return new Decision.Blocked(name, who, Reason.of(Reason.Kind.ALLOW_ONLY), response);
        }
        Schedule bedtime = p.blockAllWindow(now);
        if (bedtime != null) {
            Reason r = new Reason(Reason.Kind.SCHEDULE, null, null, null, bedtime.name(), null, null);
            return new Decision.Blocked(name, who, r, response);
        }
        IndexMatch m = index.lookup(name);
        if (!m.matched()) {
            return null;
        }
        CategorySet hit = m.categories().intersection(p.blockedAt(now));
        if (hit.isEmpty()) {
            return null;
        }
        Schedule window = p.windowBlocking(hit, now);
        Named n = named(hit);
        Reason r = new Reason(window == null ? Reason.Kind.CATEGORY : Reason.Kind.SCHEDULE, n.ids(),
                m.matchedDomain(), n.sources(), window == null ? null : window.name(), null, null);
        return new Decision.Blocked(name, who, r, response);
    }

    /** SafeSearch only rewrites the types browsers look up (A, AAAA, HTTPS); the rest resolve as asked. */
    private Decision rewriteOrAllow(Profile p, ClientIdentity who, String name, int type, Reason why) {
        if (p.safeSearch() && SafeSearchAnswers.rewrites(type)) {
            String target = safeSearch.target(name, p.youtube());
            if (target != null) {
                Reason r = Reason.rule(Reason.Kind.SAFE_SEARCH, target);
                return new Decision.Rewritten(name, who, r, target);
            }
        }
        return new Decision.Allowed(name, who, why);
    }

    /** RFC 9462 DDR, Firefox's canary and iCloud Private Relay: see gateway/POLICY.md. */
    private static Decision canary(String name, ClientIdentity who) {
        Response response = switch (name) {
            case "use-application-dns.net", "mask.icloud.com", "mask-h2.icloud.com" -> Response.NXDOMAIN;
            case "_dns.resolver.arpa" -> Response.NODATA;
            default -> null;
        };
        return response == null ? null
                : new Decision.Blocked(name, who, Reason.rule(Reason.Kind.CANARY, name), response);
    }

    /**
     * The ids and list sources of a set of categories, made once per set: a busy network blocks the
     * same few sets over and over, and making them per block (a LinkedHashSet, two lists) was most
     * of what a blocked query allocated. The lists are immutable, so Reason keeps them as they are.
     * A racing miss makes an equal value twice; a slot taken by another set is simply replaced.
     */
    private Named named(CategorySet hit) {
        int slot = (int) ((hit.bits() * 0x9E3779B97F4A7C15L) >>> (64 - NAMED_BITS));
        Named known = named.get(slot);
        if (known != null && known.bits() == hit.bits()) {
            return known;
        }
        List<String> ids = List.copyOf(catalog.ids(hit));
        Set<String> sources = new LinkedHashSet<>();
        for (String id : ids) {
            sources.addAll(sourcesByCategory.getOrDefault(id, List.of()));
        }
        Named made = new Named(hit.bits(), ids, List.copyOf(sources));
        named.set(slot, made);
        return made;
    }

    private record Named(long bits, List<String> ids, List<String> sources) {}
}
