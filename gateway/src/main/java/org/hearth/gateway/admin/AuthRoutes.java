package org.hearth.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.hearth.gateway.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out, first-run setup and changing one's own password. Every wrong password or
 * setup code counts against the client in the {@link LoginThrottle}; a client over its budget is
 * told how long to wait (429, Retry-After) before its password is even looked at.
 *
 * <p>Sign-in takes a user name and a password; a request without a name means "admin", the name
 * the single password of earlier versions became and first-run setup gives by default, so a page
 * or script that only sends a password keeps working for that account.
 */
final class AuthRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);

    private final UserStore users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final ObjectMapper json;
    private final PasswordHashing hashing;
    /** Null once an admin exists: first-run setup is then closed. */
    private volatile SetupCode setupCode;
    private final Duration sessionLifetime;

    record SetupRequest(String code, String password, String name) {}

    record LoginRequest(String name, String password) {}

    record PasswordChange(String current, String next) {}

    AuthRoutes(UserStore users, SetupCode setupCode, Sessions sessions, LoginThrottle throttle, ObjectMapper json,
            PasswordHashing hashing, Duration sessionLifetime) {
        this.users = users;
        this.setupCode = setupCode;
        this.sessions = sessions;
        this.throttle = throttle;
        this.json = json;
        this.hashing = hashing;
        this.sessionLifetime = sessionLifetime;
    }

    void register(Javalin app) {
        // Open: how a browser finds out whether and how to sign in, and signs in.
        app.get("/api/session", this::session, AdminRole.OPEN);
        app.post("/api/setup", this::setup, AdminRole.OPEN);
        app.post("/api/login", this::login, AdminRole.OPEN);
        app.post("/api/logout", this::logout, AdminRole.VIEWER);
        // Anyone's own password, with the current one: a viewer too (UserRoutes for an admin's reset).
        app.post("/api/password", this::changePassword, AdminRole.VIEWER);
    }

    private void session(Context ctx) {
        Optional<Sessions.Session> session = AdminAccess.session(ctx);
        if (session.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("signedIn", true);
            body.put("csrf", session.get().csrf());
            body.put("user", session.get().user());
            body.put("role", users.find(session.get().user()).map(AdminUser::roleName)
                    .orElse(roleName(session.get().role())));
            ctx.json(body);
            return;
        }
        ctx.status(401).json(Map.of("signedIn", false, "setupNeeded", !users.hasAdmin()));
    }

    private void setup(Context ctx) throws IOException, ConfigException {
        InetAddress client = client(ctx);
        refuseWhileThrottled(client);
        SetupRequest request = RequestBody.read(json, ctx, SetupRequest.class);
        SetupCode code = setupCode;
        if (code == null || users.hasAdmin()) {
            throw setupDone();
        }
        if (!code.matches(request.code())) {
            throttle.failed(client);
            LOG.warn("admin setup: wrong setup code from {}", client.getHostAddress());
            throw new AdminRefusal(403, AdminRefusal.WRONG_SETUP_CODE,
                    "wrong setup code; it is in " + code.file());
        }
        String name = UserRoutes.name(request.name() == null || request.name().isBlank() ? AdminUser.DEFAULT_NAME
                : request.name().strip());
        char[] chosen = RequestBody.chars(request.password());
        PasswordHash hash;
        try {
            refuseWeak(chosen);
            hash = hashing.hash(chosen);
        } finally {
            Arrays.fill(chosen, '\0');
        }
        // The store decides under its lock: of two setups racing, one wins and the other gets 409.
        if (!users.addFirstAdmin(new AdminUser(name, AdminRole.ADMIN, hash))) {
            throw setupDone();
        }
        setupCode = null;
        code.discard();
        throttle.succeeded(client);
        LOG.info("admin account \"{}\" created by first-run setup from {}", name, client.getHostAddress());
        signIn(ctx, users.find(name).orElseThrow());
    }

    private void login(Context ctx) {
        InetAddress client = client(ctx);
        refuseWhileThrottled(client);
        LoginRequest request = RequestBody.read(json, ctx, LoginRequest.class);
        if (users.users().isEmpty()) {
            throw new AdminRefusal(409, AdminRefusal.NO_PASSWORD_YET,
                    "no admin password yet: finish first-run setup");
        }
        String name = request.name() == null || request.name().isBlank() ? AdminUser.DEFAULT_NAME
                : request.name().strip();
        Optional<AdminUser> user = users.find(name);
        char[] typed = RequestBody.chars(request.password());
        try {
            if (!hashing.matches(user.map(AdminUser::hash), typed)) {
                throttle.failed(client);
                LOG.warn("admin sign-in: wrong name or password from {}", client.getHostAddress());
                // The same answer for an unknown name: it does not tell which names exist.
                throw new AdminRefusal(401, AdminRefusal.WRONG_PASSWORD, "wrong name or password");
            }
        } finally {
            Arrays.fill(typed, '\0');
        }
        throttle.succeeded(client);
        LOG.info("\"{}\" signed in to the admin page from {}", user.get().name(), client.getHostAddress());
        signIn(ctx, user.get());
    }

    private void logout(Context ctx) {
        AdminAccess.session(ctx).ifPresent(session -> sessions.end(session.id()));
        ctx.header("Set-Cookie", cookie("", Duration.ZERO));
        ctx.status(204);
    }

    private void changePassword(Context ctx) throws IOException, ConfigException {
        Sessions.Session session = AdminAccess.session(ctx).orElseThrow();
        PasswordChange request = RequestBody.read(json, ctx, PasswordChange.class);
        changeOwnPassword(ctx, session, request.current(), request.next());
    }

    /**
     * Sets the signed-in user's password after checking the current one, asked again so that a
     * browser left signed in cannot be used to lock its owner out. Every other browser of that
     * user is signed out; this one gets a fresh session.
     */
    void changeOwnPassword(Context ctx, Sessions.Session session, String currentText, String nextText)
            throws IOException, ConfigException {
        InetAddress client = client(ctx);
        refuseWhileThrottled(client);
        AdminUser user = users.find(session.user()).orElseThrow(() -> UserStore.noSuchUser(session.user()));
        char[] current = RequestBody.chars(currentText);
        char[] next = RequestBody.chars(nextText);
        PasswordHash hash;
        try {
            if (!hashing.matches(Optional.of(user.hash()), current)) {
                throttle.failed(client);
                throw new AdminRefusal(403, AdminRefusal.WRONG_CURRENT_PASSWORD, "the current password is wrong");
            }
            refuseWeak(next);
            hash = hashing.hash(next);
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(next, '\0');
        }
        users.changePassword(user.name(), user.name(), hash);
        LOG.info("\"{}\" changed their password from {}; their other browsers are signed out", user.name(),
                client.getHostAddress());
        sessions.endFor(user.name());
        signIn(ctx, users.find(user.name()).orElse(user));
    }

    private void signIn(Context ctx, AdminUser user) {
        // Session fixation: the id is always a fresh random one, never one the client brought, and
        // a session the browser already had ends here, so an id planted or seen before sign-in is
        // worth nothing after it (AdminSecurityTest).
        AdminAccess.session(ctx).ifPresent(previous -> sessions.end(previous.id()));
        Sessions.Session session = sessions.create(user.name(), user.role());
        ctx.header("Set-Cookie", cookie(session.id(), sessionLifetime));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedIn", true);
        body.put("csrf", session.csrf());
        body.put("user", user.name());
        body.put("role", user.roleName());
        ctx.json(body);
    }

    static String roleName(AdminRole role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it. Not Secure,
     * since the box serves plain HTTP on the home network (there is no certificate a browser would trust).
     */
    private static String cookie(String value, Duration maxAge) {
        return AdminAccess.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Strict";
    }

    void refuseWhileThrottled(InetAddress client) {
        Optional<Duration> wait = throttle.waitFor(client);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new AdminRefusal.TooManyAttempts(seconds);
        }
    }

    private static AdminRefusal setupDone() {
        return new AdminRefusal(409, AdminRefusal.SETUP_DONE, "the admin password is already set; sign in instead");
    }

    static void refuseWeak(char[] chosen) {
        Optional<String> weakness = AdminPassword.weakness(chosen);
        if (weakness.isPresent()) {
            throw new AdminRefusal(400, AdminRefusal.WEAK_PASSWORD, weakness.get());
        }
    }

    /** The socket's address: a header could name any address, so the throttle never reads one. */
    static InetAddress client(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr());
        } catch (UnknownHostException e) {
            // getRemoteAddr is a literal address, which getByName parses without a lookup.
            throw new IllegalStateException("not an address literal: " + ctx.req().getRemoteAddr(), e);
        }
    }
}
