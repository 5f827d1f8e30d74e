package org.hearth.gateway.admin;

import java.util.List;
import java.util.Map;
import org.hearth.gateway.config.BlockingConfig;
import org.hearth.gateway.config.DeviceConfig;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.config.ProfileConfig;

/** A config with one section replaced: HearthConfig is a record with fifteen parts, these keep the rest. */
final class ConfigChanges {

    private ConfigChanges() {}

    static HearthConfig devices(HearthConfig c, List<DeviceConfig> devices) {
        return new HearthConfig(c.dns(), c.upstreams(), c.upstream(), c.cache(), c.lists(), c.profiles(), devices,
                c.defaultProfile(), c.blocking(), c.admin(), c.web(), c.dataDir(), c.categories(), c.identity(),
                c.log());
    }

    static HearthConfig profiles(HearthConfig c, Map<String, ProfileConfig> profiles) {
        return new HearthConfig(c.dns(), c.upstreams(), c.upstream(), c.cache(), c.lists(), profiles, c.devices(),
                c.defaultProfile(), c.blocking(), c.admin(), c.web(), c.dataDir(), c.categories(), c.identity(),
                c.log());
    }

    /** The settings page's part: upstreams, how blocked names are answered, the log, the default profile. */
    static HearthConfig settings(HearthConfig c, List<String> upstreams, BlockingConfig blocking, LogConfig log,
            String defaultProfile) {
        return new HearthConfig(c.dns(), upstreams, c.upstream(), c.cache(), c.lists(), c.profiles(), c.devices(),
                defaultProfile, blocking, c.admin(), c.web(), c.dataDir(), c.categories(), c.identity(), log);
    }
}
