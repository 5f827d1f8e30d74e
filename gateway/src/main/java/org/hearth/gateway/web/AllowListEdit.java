package org.hearth.gateway.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.ProfileConfig;

/** An approval "always": the site joins the profile's allow list in hearth.yml, everything else unchanged. */
final class AllowListEdit {

    private AllowListEdit() {}

    /** hearth.yml with {@code domain} on the allow list of {@code profile}. */
    static HearthConfig withAllowed(HearthConfig config, String profile, String domain) {
        ProfileConfig p = config.profiles().get(profile);
        if (p == null) {
            return config; // removed meanwhile by hand: nothing to add to, so nothing changes
        }
        List<String> allow = new ArrayList<>(p.allow());
        if (!allow.contains(domain)) {
            allow.add(domain);
        }
        ProfileConfig changed = new ProfileConfig(p.preset(), p.block(), p.unblock(), allow, p.deny(), p.safeSearch(),
                p.youtube(), p.bypassProtection(), p.allowOnly(), p.blockMode(), p.schedules());
        Map<String, ProfileConfig> profiles = new LinkedHashMap<>(config.profiles());
        profiles.put(profile, changed);
        return config.withProfiles(profiles);
    }
}
