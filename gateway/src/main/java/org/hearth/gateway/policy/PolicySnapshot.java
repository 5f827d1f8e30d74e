package org.hearth.gateway.policy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.DomainIndex;
import org.hearth.gateway.config.Cidr;
import org.hearth.gateway.query.ClientIdentity;

/**
 * The policy compiled from the config: profiles, devices, block settings. Immutable; a reload
 * builds a new one ({@link PolicyCompiler}) and swaps it in ({@link PolicySnapshots}). Decisions are
 * pure functions of the snapshot, the domain index, the device's pause and the time.
 */
public final class PolicySnapshot {

    /** For callers without a running gateway (the CLI check, tests): nothing is allowed for now. */
    private static final TemporaryAllows NO_ALLOWS = new TemporaryAllows();

    private final CategoryCatalog catalog;
    private final Map<String, Profile> profiles;
    private final Profile defaultProfile;
    private final DeviceMatcher devices;
    private final Duration blockTtl;
    private final String boxName;
    private final List<Cidr> trustedForwarders;
    private final Map<String, List<String>> sourcesByCategory;
    private final Decider decider;

    PolicySnapshot(CategoryCatalog catalog, Map<String, Profile> profiles, String defaultProfile,
            DeviceMatcher devices, Duration blockTtl, String boxName, List<Cidr> trustedForwarders,
            Map<String, List<String>> sourcesByCategory, SafeSearchTargets safeSearch) {
        this.catalog = catalog;
        this.profiles = Map.copyOf(profiles);
        this.defaultProfile = this.profiles.get(defaultProfile);
        if (this.defaultProfile == null) {
            throw new IllegalArgumentException("no profile named " + defaultProfile);
        }
        this.devices = devices;
        this.blockTtl = blockTtl;
        this.boxName = boxName;
        this.trustedForwarders = List.copyOf(trustedForwarders);
        this.sourcesByCategory = Map.copyOf(sourcesByCategory);
        this.decider = new Decider(catalog, this.sourcesByCategory, safeSearch);
    }

    public CategoryCatalog catalog() {
        return catalog;
    }

    public Map<String, Profile> profiles() {
        return profiles;
    }

    public Profile defaultProfile() {
        return defaultProfile;
    }

    /** The profile a client follows: its own, or the default when it names one that no longer exists. */
    public Profile profileOf(ClientIdentity who) {
        Profile p = who == null || who.profileName() == null ? null : profiles.get(who.profileName());
        return p == null ? defaultProfile : p;
    }

    public DeviceMatcher devices() {
        return devices;
    }

    public Duration blockTtl() {
        return blockTtl;
    }

    public String boxName() {
        return boxName;
    }

    /** Whether EDNS MAC and Client Subnet options from this address are believed. */
    public boolean trusts(InetAddress forwarder) {
        for (Cidr c : trustedForwarders) {
            if (c.contains(forwarder)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides one question.
     *
     * @param name the normalised name asked
     * @param type the query type (SafeSearch rewrites only A, AAAA and HTTPS)
     * @param now the time in the box's zone (schedules)
     * @param pausedUntil when the device's pause ends, or null
     */
    public Decision decide(ClientIdentity who, String name, int type, ZonedDateTime now, DomainIndex index,
            Instant pausedUntil) {
        return decide(who, name, type, now, index, pausedUntil, NO_ALLOWS);
    }

    /** As above, with the temporary allows in force (approved unblock requests). */
    public Decision decide(ClientIdentity who, String name, int type, ZonedDateTime now, DomainIndex index,
            Instant pausedUntil, TemporaryAllows allows) {
        return decider.decide(profileOf(who), who, name, type, now, index, pausedUntil, allows);
    }

    /**
     * The block for an answer to {@code asked} whose CNAME chain runs through {@code chain}, or null
     * when no name in the chain is blocked for the client's profile (CNAME cloaking).
     */
    public Decision.Blocked checkChain(ClientIdentity who, String asked, List<String> chain, ZonedDateTime now,
            DomainIndex index) {
        return checkChain(who, asked, chain, now, index, NO_ALLOWS);
    }

    /** As above; a name a parent allowed for now is not checked, as an allow-listed one is not. */
    public Decision.Blocked checkChain(ClientIdentity who, String asked, List<String> chain, ZonedDateTime now,
            DomainIndex index, TemporaryAllows allows) {
        return decider.checkChain(profileOf(who), who, asked, chain, now, index, allows);
    }
}
