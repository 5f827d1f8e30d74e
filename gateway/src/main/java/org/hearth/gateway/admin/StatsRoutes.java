package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.log.StatsQueries;

/** The dashboard's numbers: the last days' blocked lookups per category, and today's per device and category. */
final class StatsRoutes {

    private static final int DEFAULT_DAYS = 30;
    /** A year of bars is the most a chart on a phone can show; the aggregates are kept about that long. */
    private static final int MAX_DAYS = 366;

    private final StatsQueries stats;
    private final Clock clock;

    StatsRoutes(StatsQueries stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get("/api/stats/daily", this::daily, AdminRole.VIEWER);
        app.get("/api/stats/today", this::today, AdminRole.VIEWER);
    }

    /** {@code GET /api/stats/daily?days=30}: {days: [{date, blocked, byCategory: {cat: n}}]}, oldest first, today last. */
    private void daily(Context ctx) throws SQLException {
        int days = DEFAULT_DAYS;
        String text = ctx.queryParam("days");
        if (text != null) {
            try {
                days = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > MAX_DAYS) {
                throw new AdminRefusal(400, "days: a whole number from 1 to " + MAX_DAYS);
            }
        }
        LocalDate today = LocalDate.now(clock);
        ctx.json(Map.of("days", stats.daily(today.minusDays(days - 1L), today)));
    }

    /** {@code GET /api/stats/today}: {byDevice: [{device, name, blocked}], byCategory: [{category, blocked}]}, most first. */
    private void today(Context ctx) throws SQLException {
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", today);
        body.put("byDevice", stats.byDevice(today));
        body.put("byCategory", stats.byCategory(today));
        ctx.json(body);
    }

    static StatsRoutes over(LogQueries log, Clock clock) {
        return new StatsRoutes(new StatsQueries(log.database()), clock);
    }
}
