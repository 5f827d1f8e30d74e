package org.hearth.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.policy.TemporaryAllow;
import org.hearth.gateway.web.Approval;
import org.hearth.gateway.web.RequestRefusal;
import org.hearth.gateway.web.UnblockRequest;
import org.hearth.gateway.web.UnblockRequests;

/**
 * web: the children's unblock requests and the temporary allows they led to (gateway/WEB.md). A
 * parent approves for an hour, for today or always, or declines with a word back the child sees.
 */
final class RequestRoutes {

    /** Until sessions carry user names (adminx), every change is recorded as this user's. */

    private final UnblockRequests requests;
    private final ObjectMapper json;

    /** As the contract shows a request: the device's id as {@code device}. */
    record RequestView(long id, String device, String deviceName, String profile, String domain, String message,
            Instant created, String status, String reply, Instant until) {
        static RequestView of(UnblockRequest r) {
            return new RequestView(r.id(), r.device(), r.deviceName(), r.profile(), r.domain(), r.message(), r.created(),
                    r.status().id(), r.reply(), r.until());
        }
    }

    /** A temporary allow: for one {@code device} or for every device of a {@code profile}. */
    record AllowView(long id, String domain, String device, String profile, Instant until) {
        static AllowView of(TemporaryAllow a) {
            return new AllowView(a.id(), a.domain(), a.deviceId(), a.profile(), a.until());
        }
    }

    /** @param requests null when the gateway has none (tests of other routes): every route then answers 503 */
    RequestRoutes(UnblockRequests requests, ObjectMapper json) {
        this.requests = requests;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/api/requests", this::list, AdminRole.VIEWER);
        app.post("/api/requests/{id}/approve", this::approve, AdminRole.ADMIN);
        app.post("/api/requests/{id}/decline", this::decline, AdminRole.ADMIN);
        app.get("/api/allows", this::allows, AdminRole.VIEWER);
        app.delete("/api/allows/{id}", this::endAllow, AdminRole.ADMIN);
    }

    /** {@code GET /api/requests?status=pending|all}: newest first (pending is the default). */
    private void list(Context ctx) throws SQLException {
        String status = ctx.queryParamAsClass("status", String.class).getOrDefault("pending");
        if (!status.equals("pending") && !status.equals("all")) {
            throw new AdminRefusal(400, "status: pending or all");
        }
        List<RequestView> views = requests().list(status.equals("pending"), 200).stream().map(RequestView::of).toList();
        ctx.json(Map.of("requests", views));
    }

    /** {@code POST /api/requests/{id}/approve {"for": "hour"|"today"|"always", "scope": "device"|"profile"}}. */
    private void approve(Context ctx) throws SQLException, IOException {
        long id = id(ctx);
        Map<?, ?> body = body(ctx, Map.class);
        Approval approval;
        try {
            approval = Approval.parse(string(body, "for"), string(body, "scope"));
        } catch (IllegalArgumentException e) {
            throw new AdminRefusal(400, e.getMessage());
        }
        try {
            ctx.json(RequestView.of(requests().approve(id, approval, who(ctx))));
        } catch (RequestRefusal e) {
            throw new AdminRefusal(e.status(), e.getMessage());
        } catch (ConfigException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", "the changed config has problems; nothing was changed");
            error.put("problems", e.problems().stream().map(Object::toString).toList());
            ctx.status(400).json(error);
        }
    }

    /** {@code POST /api/requests/{id}/decline {"reply"?: "..."}}: the reply is shown to the child. */
    private void decline(Context ctx) throws SQLException {
        long id = id(ctx);
        String reply = ctx.body().isBlank() ? null : string(body(ctx, Map.class), "reply");
        try {
            ctx.json(RequestView.of(requests().decline(id, reply, who(ctx))));
        } catch (RequestRefusal e) {
            throw new AdminRefusal(e.status(), e.getMessage());
        }
    }

    /** {@code GET /api/allows}: the temporary allows in force, soonest end first. */
    private void allows(Context ctx) throws SQLException {
        ctx.json(Map.of("allows", requests().allows().stream().map(AllowView::of).toList()));
    }

    /** {@code DELETE /api/allows/{id}}: ends one now. */
    private void endAllow(Context ctx) throws SQLException {
        try {
            requests().endAllow(id(ctx), who(ctx));
        } catch (RequestRefusal e) {
            throw new AdminRefusal(e.status(), e.getMessage());
        }
        ctx.status(204);
    }

    private UnblockRequests requests() {
        if (requests == null) {
            throw new AdminRefusal(503, "unblock requests are not available on this gateway");
        }
        return requests;
    }

    private static String who(Context ctx) {
        return UserRoutes.who(ctx);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new AdminRefusal(400, "id: a number, as /api/requests or /api/allows shows it");
        }
    }

    private static String string(Map<?, ?> body, String key) {
        Object value = body.get(key);
        if (value != null && !(value instanceof String)) {
            throw new AdminRefusal(400, key + ": must be text");
        }
        return (String) value;
    }

    private <T> T body(Context ctx, Class<T> type) {
        try {
            T value = json.readValue(ctx.body(), type);
            if (value == null) {
                throw new AdminRefusal(400, "the request body is not the JSON this call expects");
            }
            return value;
        } catch (IOException e) {
            throw new AdminRefusal(400, "the request body is not the JSON this call expects");
        }
    }
}
