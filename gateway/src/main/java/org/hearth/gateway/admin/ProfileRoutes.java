package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hearth.gateway.config.DeviceConfig;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.ProfileConfig;
import org.hearth.gateway.policy.PolicySnapshot;
import org.hearth.gateway.policy.Preset;
import org.hearth.gateway.policy.Profile;

/**
 * The profile editor: profiles as the config writes them plus what each blocks once its preset is
 * applied, created from a preset, edited as a whole, deleted while nothing uses them.
 */
final class ProfileRoutes {

    /** Profile names go into URLs, the config and the log: a plain word. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    private final AdminSources sources;
    private final ConfigEdits edits;

    /** What a preset starts from, for the "new profile" form. */
    record PresetView(String name, List<String> blocks, boolean safeSearch, String youtube, boolean bypassProtection) {}

    record NewProfile(String name, String preset) {}

    ProfileRoutes(AdminSources sources, ConfigEdits edits) {
        this.sources = sources;
        this.edits = edits;
    }

    void register(Javalin app) {
        app.get("/api/profiles", this::list, AdminRole.VIEWER);
        app.post("/api/profiles", this::create, AdminRole.ADMIN);
        app.put("/api/profiles/{name}", this::change, AdminRole.ADMIN);
        app.delete("/api/profiles/{name}", this::remove, AdminRole.ADMIN);
    }

    /**
     * {@code GET /api/profiles}: each profile's config keys as written, and {@code effective}: the
     * categories it blocks in the running policy (preset, block, unblock and bypass protection applied).
     */
    private void list(Context ctx) {
        HearthConfig config = edits.current().config();
        PolicySnapshot policy = sources.policy() == null ? null : sources.policy().snapshots().current();
        List<Map<String, Object>> profiles = new ArrayList<>();
        config.profiles().forEach((name, profile) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> view = new LinkedHashMap<>(org.hearth.gateway.config.ConfigMapper.json()
                    .convertValue(profile, Map.class));
            view.put("name", name);
            Profile running = policy == null ? null : policy.profiles().get(name);
            Map<String, Object> effective = new LinkedHashMap<>();
            effective.put("blocked", running == null ? List.of() : policy.catalog().ids(running.blocked()));
            effective.put("safeSearch", running != null && running.safeSearch());
            view.put("effective", effective);
            view.put("default", name.equals(config.defaultProfile()));
            profiles.add(view);
        });
        List<PresetView> presets = Arrays.stream(Preset.values()).map(p -> new PresetView(p.key(), p.blocks(),
                p.safeSearch(), p.youtube().name().toLowerCase(java.util.Locale.ROOT), p.bypassProtection())).toList();
        ctx.json(Map.of("profiles", profiles, "presets", presets));
    }

    /** {@code POST /api/profiles {name, preset}}: a new profile that is its preset and nothing more yet. */
    private void create(Context ctx) throws IOException {
        NewProfile request = edits.body(ctx, NewProfile.class);
        String name = name(request.name());
        ConfigEdits.answer(ctx, edits.edit(ctx, "created profile " + name, config -> {
            if (config.profiles().containsKey(name)) {
                throw new AdminRefusal(409, "a profile named \"" + name + "\" exists; choose another name");
            }
            Map<String, ProfileConfig> profiles = new LinkedHashMap<>(config.profiles());
            profiles.put(name, new ProfileConfig(request.preset(), null, null, null, null));
            return config.withProfiles(profiles);
        }));
        ctx.status(201);
    }

    /** {@code PUT /api/profiles/{name} {preset, block, unblock, allow, deny, safeSearch, ..., schedules}}: the whole profile. */
    private void change(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        ProfileConfig next = edits.body(ctx, ProfileConfig.class);
        ConfigEdits.answer(ctx, edits.edit(ctx, "changed profile " + name, config -> {
            existing(config, name);
            Map<String, ProfileConfig> profiles = new LinkedHashMap<>(config.profiles());
            profiles.put(name, next);
            return config.withProfiles(profiles);
        }));
    }

    /** {@code DELETE /api/profiles/{name}}: refused (409) while a device or defaultProfile names it. */
    private void remove(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        ConfigEdits.answer(ctx, edits.edit(ctx, "deleted profile " + name, config -> {
            existing(config, name);
            if (name.equals(config.defaultProfile())) {
                throw new AdminRefusal(409, "\"" + name + "\" is the default profile; choose another default first");
            }
            List<String> users = config.devices().stream().filter(d -> name.equals(d.profile()))
                    .map(DeviceConfig::name).toList();
            if (!users.isEmpty()) {
                throw new AdminRefusal(409, "devices follow \"" + name + "\": " + String.join(", ", users)
                        + "; move them to another profile first");
            }
            Map<String, ProfileConfig> profiles = new LinkedHashMap<>(config.profiles());
            profiles.remove(name);
            return config.withProfiles(profiles);
        }));
    }

    private static void existing(HearthConfig config, String name) {
        if (!config.profiles().containsKey(name)) {
            throw new AdminRefusal(404, "no profile named \"" + name + "\" in the config");
        }
    }

    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AdminRefusal(400, "name: 1 to 32 letters, digits, - or _, starting with a letter or digit");
        }
        return name;
    }
}
