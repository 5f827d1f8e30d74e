package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hearth.gateway.log.LogFilter;
import org.hearth.gateway.log.LogPage;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.log.PageCursor;
import org.hearth.gateway.policy.SeenDevice;

/**
 * What the network did, for the signed-in admin: pages of the blocked-lookup log, the devices that
 * have entries, and the devices the gateway saw that no config entry names yet.
 */
final class LogRoutes {

    /** What one page holds when the UI does not say. */
    private static final int DEFAULT_PAGE = 50;
    /** Enough for a parent to see a pattern, few enough to read. */
    private static final int SUMMARY_TOP = 10;

    private final LogQueries queries;
    private final Supplier<List<SeenDevice>> unknownDevices;
    private final ZoneId zone;

    LogRoutes(LogQueries queries, Supplier<List<SeenDevice>> unknownDevices, ZoneId zone) {
        this.queries = queries;
        this.unknownDevices = unknownDevices;
        this.zone = zone;
    }

    void register(Javalin app) {
        app.get("/api/blocked", this::blocked, AdminRole.VIEWER);
        // GET /api/devices moved to DeviceRoutes (manage): configured, newly seen and logged devices
        app.get("/api/summary", this::summary, AdminRole.VIEWER);
        app.get("/api/devices/unknown", ctx -> ctx.json(Map.of("devices", unknownDevices.get())), AdminRole.VIEWER);
    }

    /**
     * {@code GET /api/blocked?device=ID&profile=P&category=C&q=TEXT&since=ISO&until=ISO&after=CURSOR&limit=N}:
     * newest first; {@code next} is the cursor of the following page, absent on the last.
     */
    private void blocked(Context ctx) throws SQLException {
        LogFilter filter = new LogFilter(ctx.queryParam("device"), ctx.queryParam("profile"),
                ctx.queryParam("category"), ctx.queryParam("q"), instant(ctx, "since"), instant(ctx, "until"));
        PageCursor after = null;
        String cursor = ctx.queryParam("after");
        if (cursor != null) {
            try {
                after = PageCursor.parse(cursor);
            } catch (IllegalArgumentException e) {
                throw new AdminRefusal(400, "after: " + e.getMessage());
            }
        }
        int limit = DEFAULT_PAGE;
        String size = ctx.queryParam("limit");
        if (size != null) {
            try {
                limit = Integer.parseInt(size);
            } catch (NumberFormatException e) {
                throw new AdminRefusal(400, "limit: \"" + size + "\" is not a number");
            }
            if (limit < 1 || limit > LogQueries.MAX_PAGE) {
                throw new AdminRefusal(400, "limit: must be from 1 to " + LogQueries.MAX_PAGE);
            }
        }
        LogPage page = queries.blocked(filter, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page.entries());
        body.put("next", page.next() == null ? null : page.next().toString());
        ctx.json(body);
    }

    /**
     * {@code GET /api/summary?from=DAY&to=DAY&device=ID}: over whole days of the box's time zone,
     * both included, the blocked lookups per day, the top categories and the top names (10 each).
     */
    private void summary(Context ctx) throws SQLException {
        LocalDate from = day(ctx, "from");
        LocalDate to = day(ctx, "to");
        if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() >= LogQueries.MAX_DAYS) {
            throw new AdminRefusal(400, "from..to: must be in order and span at most " + LogQueries.MAX_DAYS
                    + " days");
        }
        String device = ctx.queryParam("device");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", queries.dailyCounts(device, from, to));
        body.put("categories", queries.topCategories(device, from, to, SUMMARY_TOP));
        body.put("names", queries.topNames(device, from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), SUMMARY_TOP));
        ctx.json(body);
    }

    private static LocalDate day(Context ctx, String param) {
        String text = ctx.queryParam(param);
        if (text == null) {
            throw new AdminRefusal(400, param + ": missing; give a day like 2026-11-28");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new AdminRefusal(400, param + ": \"" + text + "\" is not a day like 2026-11-28");
        }
    }

    private static Instant instant(Context ctx, String param) {
        String text = ctx.queryParam(param);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new AdminRefusal(400, param + ": \"" + text + "\" is not a time like 2026-11-28T18:00:00Z");
        }
    }
}
