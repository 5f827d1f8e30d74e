package org.hearth.gateway.admin;

import java.util.List;
import java.util.Map;
import org.hearth.gateway.config.BlockingConfig;
import org.hearth.gateway.config.DeviceConfig;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.config.ProfileConfig;

/** The admin routes' edits, each a config with some sections replaced. */
final class ConfigChanges {

    private ConfigChanges() {}

    static HearthConfig devices(HearthConfig c, List<DeviceConfig> devices) {
        return c.withDevices(devices);
    }

    static HearthConfig profiles(HearthConfig c, Map<String, ProfileConfig> profiles) {
        return c.withProfiles(profiles);
    }

    /** The settings page's part: upstreams, how blocked names are answered, the log, the default profile. */
    static HearthConfig settings(HearthConfig c, List<String> upstreams, BlockingConfig blocking, LogConfig log,
            String defaultProfile) {
        return c.withUpstreams(upstreams).withBlocking(blocking).withLog(log).withDefaultProfile(defaultProfile);
    }
}
