package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.config.BlockingConfig;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.manage.ConfigEditor;

/**
 * The settings page: where the box asks (upstreams), how it answers a blocked name, how long the
 * log keeps what, and which profile unknown devices follow. Secrets (alert channels' passwords)
 * are never part of this answer.
 */
final class SettingsRoutes {

    /** Config keys the running gateway reads at start only (Gateway.apply): a change waits for a restart. */
    private static final List<String> AT_START = List.of("log.batchInterval");

    private final ConfigEdits edits;

    /**
     * The page's fields; in a PUT a missing field stays as it is.
     *
     * @param blockTtl seconds
     * @param logRetention days blocked lookups are kept
     * @param logAllowed whether allowed lookups are recorded too (browsing history: off by default)
     */
    record Settings(List<String> upstreams, String blockingMode, Long blockTtl, String boxName, Integer logRetention,
            Boolean logAllowed, Integer allowedRetention, String defaultProfile) {}

    SettingsRoutes(ConfigEdits edits) {
        this.edits = edits;
    }

    void register(Javalin app) {
        app.get("/api/settings", ctx -> ctx.json(of(edits.current().config())), AdminRole.VIEWER);
        app.put("/api/settings", this::change, AdminRole.ADMIN);
    }

    static Settings of(HearthConfig c) {
        return new Settings(c.upstreams(), c.blocking().mode(), c.blocking().ttl().toSeconds(), c.blocking().boxName(),
                c.log().retentionDays(), c.log().allowed(), c.log().allowedRetentionDays(), c.defaultProfile());
    }

    /** {@code PUT /api/settings {...}}: answers what changed and which of it waits for a restart. */
    private void change(Context ctx) throws IOException {
        Settings next = edits.body(ctx, Settings.class);
        if (next.blockTtl() != null && (next.blockTtl() < 0 || next.blockTtl() > 86_400)) {
            throw new ConfigRefusal("that change was not saved", List.of("blockTtl: 0 to 86400 seconds"));
        }
        ConfigEditor.Outcome outcome = edits.edit(ctx, "changed settings", c -> {
            BlockingConfig blocking = new BlockingConfig(or(next.blockingMode(), c.blocking().mode()),
                    next.blockTtl() == null ? c.blocking().ttl() : Duration.ofSeconds(next.blockTtl()),
                    or(next.boxName(), c.blocking().boxName()));
            LogConfig was = c.log();
            LogConfig log = new LogConfig(or(next.logRetention(), was.retentionDays()), was.maxSizeMb(),
                    was.aggregateRetentionDays(), or(next.logAllowed(), was.allowed()),
                    or(next.allowedRetention(), was.allowedRetentionDays()), was.queueSize(), was.batchInterval());
            return c.withUpstreams(or(next.upstreams(), c.upstreams())).withBlocking(blocking).withLog(log)
                    .withDefaultProfile(or(next.defaultProfile(), c.defaultProfile()));
        });
        List<String> restart = outcome.changes().stream()
                .filter(change -> AT_START.stream().anyMatch(change::startsWith)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changes", outcome.changes());
        body.put("problems", outcome.problems());
        body.put("restartNeeded", restart);
        ctx.json(body);
    }

    private static <T> T or(T given, T was) {
        return given != null ? given : was;
    }
}
