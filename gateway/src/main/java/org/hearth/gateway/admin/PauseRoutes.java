package org.hearth.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.policy.Pauses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "No internet for this device for a while": the policy blocks every name for a paused device
 * until the pause ends (POLICY.md). Pauses live in memory; a restart ends them.
 */
final class PauseRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(PauseRoutes.class);
    /** A day: anything longer is a profile or schedule change, not a pause. */
    static final int MAX_MINUTES = 24 * 60;
    /** Device ids are config names or ids the policy made; nothing longer is one. */
    private static final int MAX_DEVICE_LENGTH = 200;

    private final Pauses pauses;
    private final Clock clock;
    private final ObjectMapper json;

    record PauseRequest(String device, Integer minutes) {}

    record EndRequest(String device) {}

    record Pause(String device, Instant until) {}

    PauseRoutes(Pauses pauses, Clock clock, ObjectMapper json) {
        this.pauses = pauses;
        this.clock = clock;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/api/pauses", this::list, AdminRole.VIEWER);
        app.post("/api/pauses", this::pause, AdminRole.ADMIN);
        app.post("/api/pauses/end", this::end, AdminRole.ADMIN);
    }

    /** {@code GET /api/pauses}: the pauses still running, soonest end first. */
    private void list(Context ctx) {
        Instant now = clock.instant();
        List<Pause> running = new ArrayList<>();
        pauses.all().forEach((device, until) -> {
            if (until.isAfter(now)) {
                running.add(new Pause(device, until));
            }
        });
        running.sort((a, b) -> a.until().compareTo(b.until()));
        ctx.json(Map.of("pauses", running));
    }

    /** {@code POST /api/pauses {"device": ID, "minutes": N}}: pauses from now; a running pause is replaced. */
    private void pause(Context ctx) {
        PauseRequest request = body(ctx, PauseRequest.class);
        String device = device(request.device());
        if (request.minutes() == null || request.minutes() < 1 || request.minutes() > MAX_MINUTES) {
            throw new AdminRefusal(400, "minutes: must be from 1 to " + MAX_MINUTES);
        }
        Instant until = clock.instant().plus(Duration.ofMinutes(request.minutes()));
        pauses.pause(device, until);
        LOG.info("device \"{}\" paused until {}", device, until);
        ctx.json(new Pause(device, until));
    }

    /** {@code POST /api/pauses/end {"device": ID}}: the device is back on its profile now. */
    private void end(Context ctx) {
        String device = device(body(ctx, EndRequest.class).device());
        pauses.resume(device);
        LOG.info("device \"{}\" pause ended", device);
        ctx.status(204);
    }

    private static String device(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_DEVICE_LENGTH) {
            throw new AdminRefusal(400, "device: give the device's id, as the log and /api/devices show it");
        }
        return id;
    }

    private <T> T body(Context ctx, Class<T> type) {
        try {
            return json.readValue(ctx.body(), type);
        } catch (IOException e) {
            throw new AdminRefusal(400, "the request body is not the JSON this call expects");
        }
    }
}
