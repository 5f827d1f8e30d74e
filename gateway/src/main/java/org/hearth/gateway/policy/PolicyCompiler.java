package org.hearth.gateway.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.gateway.config.Cidr;
import org.hearth.gateway.config.DeviceConfig;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.IdentityConfig;
import org.hearth.gateway.config.ListSourceConfig;
import org.hearth.gateway.config.ProfileConfig;

/**
 * Compiles the policy part of a config into a {@link PolicySnapshot}, or lists every problem with
 * the key it is at ({@code profiles.kids.block[2]: "gamblin" is not a category}). Never half-builds:
 * a config with any problem gives no snapshot, so a bad edit leaves the running policy in force.
 */
public final class PolicyCompiler {

    /** When the config has no profiles at all: malware and phishing blocked, nothing else. */
    public static final String IMPLICIT_PROFILE = "default";

    private final Function<HearthConfig, IdentityConfig> identity;
    private final Function<HearthConfig, List<String>> customCategories;

    /** A compiler reading the config's own {@code identity:} and {@code categories:} sections. */
    public PolicyCompiler() {
        this(HearthConfig::identity);
    }

    /** @param identity the {@code identity:} section to use instead of the config's (tests) */
    public PolicyCompiler(Function<HearthConfig, IdentityConfig> identity) {
        this(identity, HearthConfig::categories);
    }

    /** @param customCategories custom category ids the config declares besides those its lists use */
    public PolicyCompiler(Function<HearthConfig, IdentityConfig> identity,
            Function<HearthConfig, List<String>> customCategories) {
        this.identity = Objects.requireNonNull(identity);
        this.customCategories = Objects.requireNonNull(customCategories);
    }

    /** Either a snapshot or the problems that prevent one. */
    public record Result(PolicySnapshot snapshot, List<Problem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return snapshot != null;
        }
    }

    /** Every problem of the policy part of {@code config}; empty when it compiles. */
    public List<Problem> validate(HearthConfig config) {
        return compile(config).problems();
    }

    public Result compile(HearthConfig config) {
        List<Problem> problems = new ArrayList<>();
        List<String> custom = new ArrayList<>(customCategories.apply(config));
        Map<String, List<String>> sources = new HashMap<>();
        for (ListSourceConfig list : config.lists()) {
            if (list.category() != null && list.name() != null) {
                String id = list.category().toLowerCase(java.util.Locale.ROOT);
                custom.add(id);
                sources.computeIfAbsent(id, k -> new ArrayList<>()).add(list.name());
            }
        }
        CategoryCatalog catalog;
        try {
            catalog = CategoryCatalog.withCustom(custom);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("lists", e.getMessage()));
            return new Result(null, problems);
        }

        BlockMode mode = BlockMode.byKey(config.blocking().mode()).orElse(null);
        if (mode == null) {
            problems.add(new Problem("blocking.mode", quote(config.blocking().mode())
                    + " is not zero-ip, nxdomain or blockpage"));
            mode = BlockMode.ZERO_IP;
        }
        Duration ttl = config.blocking().ttl();
        if (ttl.isNegative() || ttl.compareTo(Duration.ofHours(1)) > 0) {
            problems.add(new Problem("blocking.ttl", ttl + " is not between 0 and 1 hour"));
        }
        try {
            DomainNames.normalise(config.blocking().boxName());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("blocking.boxName", quote(config.blocking().boxName()) + ": " + e.getMessage()));
        }

        Map<String, Profile> profiles = new LinkedHashMap<>();
        ProfileCompiler profileCompiler = new ProfileCompiler(catalog, problems);
        for (Map.Entry<String, ProfileConfig> e : config.profiles().entrySet()) {
            if (e.getValue() == null) {
                problems.add(new Problem("profiles." + e.getKey(), "is empty"));
                continue;
            }
            Profile p = profileCompiler.compile(e.getKey(), e.getValue(), mode);
            if (p != null) {
                profiles.put(e.getKey(), p);
            }
        }
        String defaultProfile = config.defaultProfile();
        if (config.profiles().isEmpty()) {
            ProfileConfig adult = new ProfileConfig(Preset.ADULT.key(), null, null, null, null);
            profiles.put(IMPLICIT_PROFILE, profileCompiler.compile(IMPLICIT_PROFILE, adult, mode));
            if (defaultProfile == null) {
                defaultProfile = IMPLICIT_PROFILE;
            }
        }
        if (defaultProfile == null) {
            if (config.profiles().size() == 1) {
                defaultProfile = config.profiles().keySet().iterator().next();
            } else {
                problems.add(new Problem("defaultProfile", "required when there are several profiles; one of "
                        + config.profiles().keySet()));
            }
        } else if (!config.profiles().containsKey(defaultProfile) && !profiles.containsKey(defaultProfile)) {
            problems.add(new Problem("defaultProfile", quote(defaultProfile) + " is not a profile; one of "
                    + config.profiles().keySet()));
        }

        List<Device> devices = compileDevices(config.devices(), config.profiles().keySet(), defaultProfile, problems);

        IdentityConfig id = identity.apply(config);
        List<Cidr> trusted = new ArrayList<>();
        for (int i = 0; i < id.trustedForwarders().size(); i++) {
            try {
                trusted.add(Cidr.parse(id.trustedForwarders().get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem("identity.trustedForwarders[" + i + "]", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        PolicySnapshot snapshot = new PolicySnapshot(catalog, profiles, defaultProfile, new DeviceMatcher(devices),
                ttl, DomainNames.normalise(config.blocking().boxName()), trusted, sources,
                SafeSearchTargets.builtIn());
        return new Result(snapshot, List.of());
    }

    /** A match that is not a MAC must be a network; the message names all three forms a match may take. */
    private static Cidr deviceNetwork(String match) {
        try {
            return Cidr.parse(String.valueOf(match));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(quote(match) + " is not an IP address, CIDR or MAC address", e);
        }
    }

    private static List<Device> compileDevices(List<DeviceConfig> configs, Set<String> profileNames,
            String defaultProfile, List<Problem> problems) {
        List<Device> devices = new ArrayList<>();
        Map<String, String> seenNames = new HashMap<>();
        Map<String, String> seenMatches = new HashMap<>();
        for (int i = 0; i < configs.size(); i++) {
            DeviceConfig d = configs.get(i);
            String at = "devices[" + i + "]";
            if (d == null) {
                problems.add(new Problem(at, "is empty"));
                continue;
            }
            if (d.name() == null || d.name().isBlank()) {
                problems.add(new Problem(at + ".name", "is required"));
            } else if (seenNames.putIfAbsent(d.name(), at) != null) {
                problems.add(new Problem(at + ".name", quote(d.name()) + " is already the name of "
                        + seenNames.get(d.name())));
            }
            String profile = d.profile() == null ? defaultProfile : d.profile();
            if (d.profile() != null && !profileNames.contains(d.profile())) {
                problems.add(new Problem(at + ".profile", quote(d.profile()) + " is not a profile; one of "
                        + profileNames));
            }
            if (d.match().isEmpty()) {
                problems.add(new Problem(at + ".match", "needs at least one IP, CIDR or MAC address"));
            }
            Set<MacAddress> macs = new LinkedHashSet<>();
            List<Cidr> networks = new ArrayList<>();
            for (int j = 0; j < d.match().size(); j++) {
                String m = d.match().get(j);
                String mat = at + ".match[" + j + "]";
                try {
                    String key;
                    if (m != null && MacAddress.looksLikeMac(m)) {
                        MacAddress mac = MacAddress.parse(m);
                        macs.add(mac);
                        key = mac.toString();
                    } else {
                        Cidr c = deviceNetwork(m);
                        networks.add(c);
                        key = c.toString();
                    }
                    String other = seenMatches.putIfAbsent(key, mat);
                    if (other != null) {
                        problems.add(new Problem(mat, quote(m) + " is already matched by " + other));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(mat, e.getMessage()));
                }
            }
            devices.add(new Device(d.name() == null ? at : d.name(), profile, macs, networks));
        }
        return devices;
    }

    static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
