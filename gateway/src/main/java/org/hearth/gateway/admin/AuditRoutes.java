package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.manage.AuditTrail;
import org.hearth.gateway.manage.ConfigEditor;

/** Who changed what and when (hearth.db's audit table), for admins: newest first, in pages. */
final class AuditRoutes {

    private static final int DEFAULT_PAGE = 50;
    private static final int MAX_PAGE = 500;

    private final ConfigEditor editor;

    AuditRoutes(ConfigEditor editor) {
        this.editor = editor;
    }

    void register(Javalin app) {
        app.get("/api/audit", this::audit, AdminRole.ADMIN);
    }

    /**
     * {@code GET /api/audit?before=ID&limit=N}: {entries: [{id, time, who, action, changes}], next}; {@code next}
     * is the {@code before} of the following page, null on the last.
     */
    private void audit(Context ctx) throws SQLException {
        if (editor == null) {
            throw new AdminRefusal(503, "this server keeps no audit trail");
        }
        long before = number(ctx, "before", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(ctx, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
        List<AuditTrail.Entry> entries = editor.audit().recent(limit, before);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", entries);
        body.put("next", entries.size() < limit ? null : entries.get(entries.size() - 1).id());
        ctx.json(body);
    }

    private static long number(Context ctx, String param, long min, long max, long otherwise) {
        String text = ctx.queryParam(param);
        if (text == null) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, as an out-of-range number is
        }
        throw new AdminRefusal(400, param + ": a whole number from " + min + " to " + max);
    }
}
