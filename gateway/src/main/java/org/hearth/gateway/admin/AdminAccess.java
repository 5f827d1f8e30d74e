package org.hearth.gateway.admin;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every admin request: sets the headers that keep the UI out of frames and other
 * sites' scripts, and refuses state changes from other origins or in other types than JSON. Then,
 * on the route the router matched (so no other spelling of a path gets past it), checks the role
 * the route declares, the session and the CSRF token in {@value #CSRF_HEADER}.
 */
final class AdminAccess {

    static final String COOKIE = "hearth_session";
    static final String CSRF_HEADER = "X-Hearth-Csrf";
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD,
            HandlerType.OPTIONS);
    private static final String SESSION_ATTRIBUTE = "hearth.session";

    private final Sessions sessions;
    /** adminx: the accounts as they are now, so a deleted or demoted account counts at once. */
    private final UserStore users;

    AdminAccess(Sessions sessions, UserStore users) {
        this.sessions = sessions;
        this.users = users;
    }

    void before(Context ctx) {
        // The UI loads nothing from elsewhere and is never framed (clickjacking a "delete log" button).
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none';"
                + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (!ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-cache");
        } else {
            // The log names children's devices and what they tried to open: no cache keeps a copy.
            ctx.header("Cache-Control", "no-store");
        }
        // Every state change, whatever its path: nothing outside /api changes state today, and a
        // later route must not forget these checks.
        boolean changes = !SAFE_METHODS.contains(ctx.method());
        if (changes && !sameOrigin(ctx)) {
            throw new AdminRefusal(403, "request from another site refused");
        }
        if (changes && !isJson(ctx)) {
            // A cross-site form can post text/plain or form data without a preflight; it cannot post JSON.
            throw new AdminRefusal(415, "send the request body as application/json");
        }
        sessions.find(ctx.cookie(COOKIE)).ifPresent(found -> ctx.attribute(SESSION_ATTRIBUTE, found));
    }

    /**
     * Runs once a request matched a route, before its handler: the route's declared {@link AdminRole}
     * decides. OPEN passes; otherwise a live session whose role allows it, and for a state change
     * that session's CSRF token. A route with no role is refused: a forgotten declaration fails closed.
     */
    void beforeMatched(Context ctx) {
        AdminRole needed = ctx.routeRoles().stream().filter(AdminRole.class::isInstance).map(AdminRole.class::cast)
                .findFirst().orElse(null);
        if (needed == null && !ctx.path().startsWith("/api/")) {
            return; // the static UI, which Javalin matches too; routes all declare a role (RouteTableTest)
        }
        if (needed == null) {
            throw new AdminRefusal(403, "this route declares no role");
        }
        if (needed == AdminRole.OPEN) {
            return;
        }
        Sessions.Session session = sessions.find(ctx.cookie(COOKIE))
                .orElseThrow(() -> new AdminRefusal(401, AdminRefusal.SIGN_IN_FIRST, "sign in first"));
        // adminx: the account's role now, not at sign-in: a hand edit of admin.users that removes or
        // demotes someone takes effect on their next request (the store re-reads only a changed file).
        AdminRole role = users.find(session.user()).map(AdminUser::role).orElse(null);
        if (role == null) {
            sessions.end(session.id());
            throw new AdminRefusal(401, AdminRefusal.SIGN_IN_FIRST, "sign in first");
        }
        if (!role.allows(needed)) {
            throw new AdminRefusal(403, AdminRefusal.NOT_ALLOWED, "your account may not do that");
        }
        if (!SAFE_METHODS.contains(ctx.method()) && !constantTimeEquals(session.csrf(), ctx.header(CSRF_HEADER))) {
            throw new AdminRefusal(403, AdminRefusal.RELOAD,
                    "missing or wrong " + CSRF_HEADER + " header; reload the page");
        }
    }

    /** The session {@link #before} found for this request, if any. */
    static Optional<Sessions.Session> session(Context ctx) {
        return Optional.ofNullable(ctx.attribute(SESSION_ATTRIBUTE));
    }

    /**
     * Browsers send Origin on every cross-origin POST; when present it must name the host the
     * request was sent to. Absent (curl, old browsers on same-origin requests) is accepted: the
     * JSON content type and the CSRF token still stand in the way of a forged request.
     */
    private static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host)
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null) {
            return ctx.body().isEmpty();
        }
        return type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return given != null && java.security.MessageDigest.isEqual(
                expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
