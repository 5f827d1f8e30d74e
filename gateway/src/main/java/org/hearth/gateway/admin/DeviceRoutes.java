package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.config.DeviceConfig;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.IpLiteral;
import org.hearth.gateway.log.LogCounts.KnownDevice;
import org.hearth.gateway.policy.MacAddress;
import org.hearth.gateway.policy.PolicySnapshot;
import org.hearth.gateway.policy.SeenDevice;

/**
 * The devices page: the config's devices beside the ones the gateway saw that no entry names yet,
 * and assigning, renaming, reassigning and removing entries of {@code devices:}.
 */
final class DeviceRoutes {

    /** Long enough for "Dara's tablet (school)", short enough for a table cell on a phone. */
    static final int MAX_NAME = 64;

    private final AdminSources sources;
    private final ConfigEdits edits;

    /**
     * One row of the page. A configured device's id is its name (as in the log); a seen one's is the
     * policy's ({@code ip:...}, {@code mac:...}).
     */
    record DeviceView(String id, String name, List<String> match, String profile, boolean configured,
            Instant lastSeen, String ip, String mac, String hostname, Instant paused) {}

    record DeviceRequest(String name, List<String> match, String profile) {}

    DeviceRoutes(AdminSources sources, ConfigEdits edits) {
        this.sources = sources;
        this.edits = edits;
    }

    void register(Javalin app) {
        app.get("/api/devices", this::list, AdminRole.VIEWER);
        app.post("/api/devices", this::add, AdminRole.ADMIN);
        app.put("/api/devices/{name}", this::change, AdminRole.ADMIN);
        app.delete("/api/devices/{name}", this::remove, AdminRole.ADMIN);
    }

    /**
     * {@code GET /api/devices}: configured devices first (config order), then devices seen that no
     * entry matches (most recent first), then devices only the log still names (seen before a restart).
     */
    private void list(Context ctx) throws SQLException {
        Instant now = sources.clock().instant();
        Map<String, DeviceView> rows = new LinkedHashMap<>();
        Map<String, KnownDevice> logged = new LinkedHashMap<>();
        for (KnownDevice known : sources.log().devices()) {
            logged.put(known.id(), known);
        }
        HearthConfig config = sources.editor() == null ? null : edits.current().config();
        if (config != null) {
            for (DeviceConfig device : config.devices()) {
                KnownDevice known = logged.get(device.name());
                rows.put(device.name(), new DeviceView(device.name(), device.name(), device.match(), device.profile(),
                        true, known == null ? null : known.lastSeen(), null, null, null, paused(device.name(), now)));
            }
        }
        PolicySnapshot policy = sources.policy() == null ? null : sources.policy().snapshots().current();
        for (SeenDevice seen : sources.unknownDevices().get()) {
            // The registry keeps a device it saw before it was assigned; the running policy knows better.
            if (rows.containsKey(seen.id()) || matchedNow(policy, seen)) {
                continue;
            }
            rows.put(seen.id(), new DeviceView(seen.id(), seen.hostname() != null ? seen.hostname() : seen.id(),
                    List.of(), null, false, seen.lastSeen(), seen.ip(), seen.mac(), seen.hostname(),
                    paused(seen.id(), now)));
        }
        for (KnownDevice known : logged.values()) {
            rows.putIfAbsent(known.id(), new DeviceView(known.id(), known.name(), List.of(), null, false,
                    known.lastSeen(), null, null, null, paused(known.id(), now)));
        }
        ctx.json(Map.of("devices", new ArrayList<>(rows.values())));
    }

    /** {@code POST /api/devices {name, match[], profile}}: a new entry, e.g. for a newly seen device. */
    private void add(Context ctx) throws IOException {
        DeviceRequest request = edits.body(ctx, DeviceRequest.class);
        String name = name(request.name());
        List<String> match = match(request.match());
        ConfigEdits.answer(ctx, edits.edit(ctx, "added device " + name, config -> {
            if (find(config, name) >= 0) {
                throw new AdminRefusal(409, "a device named \"" + name + "\" exists; choose another name");
            }
            List<DeviceConfig> devices = new ArrayList<>(config.devices());
            devices.add(new DeviceConfig(name, match, request.profile()));
            return config.withDevices(devices);
        }));
        ctx.status(201);
    }

    /** {@code PUT /api/devices/{name} {name?, match?, profile?}}: rename, rematch or reassign. */
    private void change(Context ctx) throws IOException {
        String old = ctx.pathParam("name");
        DeviceRequest request = edits.body(ctx, DeviceRequest.class);
        String name = request.name() == null ? old : name(request.name());
        List<String> match = request.match() == null ? null : match(request.match());
        ConfigEdits.answer(ctx, edits.edit(ctx, "changed device " + old, config -> {
            int at = existing(config, old);
            if (!name.equals(old) && find(config, name) >= 0) {
                throw new AdminRefusal(409, "a device named \"" + name + "\" exists; choose another name");
            }
            DeviceConfig was = config.devices().get(at);
            List<DeviceConfig> devices = new ArrayList<>(config.devices());
            devices.set(at, new DeviceConfig(name, match == null ? was.match() : match,
                    request.profile() == null ? was.profile() : request.profile()));
            return config.withDevices(devices);
        }));
    }

    /** {@code DELETE /api/devices/{name}}: the device follows the default profile again. */
    private void remove(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        ConfigEdits.answer(ctx, edits.edit(ctx, "removed device " + name, config -> {
            List<DeviceConfig> devices = new ArrayList<>(config.devices());
            devices.remove(existing(config, name));
            return config.withDevices(devices);
        }));
    }

    private Instant paused(String id, Instant now) {
        Instant until = sources.pauses().until(id);
        return until != null && until.isAfter(now) ? until : null;
    }

    private static boolean matchedNow(PolicySnapshot policy, SeenDevice seen) {
        if (policy == null) {
            return false;
        }
        try {
            MacAddress mac = seen.mac() == null ? null : MacAddress.parse(seen.mac());
            List<InetAddress> addresses = seen.ip() == null ? List.of() : List.of(IpLiteral.parse(seen.ip()));
            return policy.devices().match(addresses, mac) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int existing(HearthConfig config, String name) {
        int at = find(config, name);
        if (at < 0) {
            throw new AdminRefusal(404, "no device named \"" + name + "\" in the config");
        }
        return at;
    }

    private static int find(HearthConfig config, String name) {
        for (int i = 0; i < config.devices().size(); i++) {
            if (name.equals(config.devices().get(i).name())) {
                return i;
            }
        }
        return -1;
    }

    /** A device's name is its id in the log and in pauses: printable, one line, not too long. */
    static String name(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || !name.equals(name.strip())
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new AdminRefusal(400, "name: 1 to " + MAX_NAME + " characters, no spaces at either end");
        }
        return name;
    }

    /** The checks say which entry is not an address, network or MAC; here only that there is one. */
    private static List<String> match(List<String> match) {
        if (match == null || match.isEmpty() || match.stream().anyMatch(m -> m == null || m.isBlank())) {
            throw new AdminRefusal(400, "match: give the device's address or hardware (MAC) address");
        }
        return match.stream().map(String::strip).toList();
    }
}
