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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out, first-run setup and changing the password. Every wrong password or setup
 * code counts against the client in the {@link LoginThrottle}; a client over its budget is told
 * how long to wait (429, Retry-After) before its password is even looked at.
 */
final class AuthRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
    /** A few hashes' time: a parent who signs in while another browser does waits instead of failing. */
    private static final Duration HASH_QUEUE_WAIT = Duration.ofSeconds(5);

    private final AdminPassword password;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final ObjectMapper json;
    /** Null once a password is set: first-run setup is then closed for good. */
    private volatile SetupCode setupCode;
    private final Duration sessionLifetime;
    private final Semaphore hashing = new Semaphore(1, true);

    record SetupRequest(String code, String password) {}

    record LoginRequest(String password) {}

    record PasswordChange(String current, String next) {}

    AuthRoutes(AdminPassword password, SetupCode setupCode, Sessions sessions, LoginThrottle throttle,
            ObjectMapper json, Duration sessionLifetime) {
        this.password = password;
        this.setupCode = setupCode;
        this.sessions = sessions;
        this.throttle = throttle;
        this.json = json;
        this.sessionLifetime = sessionLifetime;
    }

    void register(Javalin app) {
        // Open: how a browser finds out whether and how to sign in, and signs in.
        app.get("/api/session", this::session, AdminRole.OPEN);
        app.post("/api/setup", this::setup, AdminRole.OPEN);
        app.post("/api/login", this::login, AdminRole.OPEN);
        app.post("/api/logout", this::logout, AdminRole.VIEWER);
        app.post("/api/password", this::changePassword, AdminRole.ADMIN);
    }

    private void session(Context ctx) {
        Optional<Sessions.Session> session = AdminAccess.session(ctx);
        if (session.isPresent()) {
            ctx.json(Map.of("signedIn", true, "csrf", session.get().csrf(), "role", session.get().role()));
            return;
        }
        ctx.status(401).json(Map.of("signedIn", false, "setupNeeded", !password.isSet()));
    }

    private void setup(Context ctx) throws IOException {
        InetAddress client = client(ctx);
        refuseWhileThrottled(client);
        SetupRequest request = body(ctx, SetupRequest.class);
        SetupCode code = setupCode;
        if (password.isSet() || code == null) {
            throw setupDone();
        }
        if (!code.matches(request.code())) {
            throttle.failed(client);
            LOG.warn("admin setup: wrong setup code from {}", client.getHostAddress());
            throw new AdminRefusal(403, AdminRefusal.WRONG_SETUP_CODE,
                    "wrong setup code; it is in " + code.file());
        }
        char[] chosen = chars(request.password());
        try {
            refuseWeak(chosen);
            synchronized (this) {
                if (password.isSet()) {
                    throw setupDone();
                }
                oneHashAtATime(() -> {
                    password.set(chosen);
                    return null;
                });
                setupCode = null;
            }
        } finally {
            Arrays.fill(chosen, '\0');
        }
        code.discard();
        throttle.succeeded(client);
        LOG.info("admin password set by first-run setup from {}", client.getHostAddress());
        signIn(ctx);
    }

    private void login(Context ctx) throws IOException {
        InetAddress client = client(ctx);
        refuseWhileThrottled(client);
        LoginRequest request = body(ctx, LoginRequest.class);
        if (!password.isSet()) {
            throw new AdminRefusal(409, AdminRefusal.NO_PASSWORD_YET,
                    "no admin password yet: finish first-run setup");
        }
        char[] typed = chars(request.password());
        try {
            if (!oneHashAtATime(() -> password.check(typed))) {
                throttle.failed(client);
                LOG.warn("admin sign-in: wrong password from {}", client.getHostAddress());
                throw new AdminRefusal(401, AdminRefusal.WRONG_PASSWORD, "wrong password");
            }
        } finally {
            Arrays.fill(typed, '\0');
        }
        throttle.succeeded(client);
        LOG.info("admin signed in from {}", client.getHostAddress());
        signIn(ctx);
    }

    private void logout(Context ctx) {
        AdminAccess.session(ctx).ifPresent(session -> sessions.end(session.id()));
        ctx.header("Set-Cookie", cookie("", Duration.ZERO));
        ctx.status(204);
    }

    private void changePassword(Context ctx) throws IOException {
        InetAddress client = client(ctx);
        refuseWhileThrottled(client);
        PasswordChange request = body(ctx, PasswordChange.class);
        char[] current = chars(request.current());
        char[] next = chars(request.next());
        try {
            // Asked again so a browser left signed in cannot be used to lock the admin out.
            if (!oneHashAtATime(() -> password.check(current))) {
                throttle.failed(client);
                throw new AdminRefusal(403, AdminRefusal.WRONG_CURRENT_PASSWORD,
                        "the current password is wrong");
            }
            refuseWeak(next);
            oneHashAtATime(() -> {
                password.set(next);
                return null;
            });
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(next, '\0');
        }
        LOG.info("admin password changed from {}; every other browser is signed out", client.getHostAddress());
        sessions.endAll();
        signIn(ctx);
    }

    private void signIn(Context ctx) {
        // Session fixation: the id is always a fresh random one, never one the client brought, and
        // a session the browser already had ends here, so an id planted or seen before sign-in is
        // worth nothing after it (AdminSecurityTest).
        AdminAccess.session(ctx).ifPresent(previous -> sessions.end(previous.id()));
        // The one password is the admin's; viewer accounts come with admin.users (ADMIN.md).
        Sessions.Session session = sessions.create(AdminRole.ADMIN);
        ctx.header("Set-Cookie", cookie(session.id(), sessionLifetime));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signedIn", true);
        body.put("csrf", session.csrf());
        ctx.json(body);
    }

    /**
     * HttpOnly: no script reads it; SameSite=Strict: no other site's page sends it. Not Secure,
     * since the box serves plain HTTP on the home network (there is no certificate a browser would trust).
     */
    private static String cookie(String value, Duration maxAge) {
        return AdminAccess.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Strict";
    }

    /** Work that hashes a password, as a lambda: it may throw what the password file's I/O throws. */
    private interface Hashing<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code work} when no other password is being hashed, waiting a little for one that is.
     * PBKDF2 is slow on purpose; on a box with 2-4 cores that also answer DNS, many clients sending
     * passwords at once must cost one core at most, not all of them.
     */
    private <T> T oneHashAtATime(Hashing<T> work) throws IOException {
        boolean acquired;
        try {
            acquired = hashing.tryAcquire(HASH_QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new AdminRefusal(503, AdminRefusal.BUSY,
                    "busy checking other passwords; try again in a moment");
        }
        try {
            return work.run();
        } finally {
            hashing.release();
        }
    }

    private void refuseWhileThrottled(InetAddress client) {
        Optional<Duration> wait = throttle.waitFor(client);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new AdminRefusal.TooManyAttempts(seconds);
        }
    }

    private static AdminRefusal setupDone() {
        return new AdminRefusal(409, AdminRefusal.SETUP_DONE, "the admin password is already set; sign in instead");
    }

    private static void refuseWeak(char[] chosen) {
        Optional<String> weakness = AdminPassword.weakness(chosen);
        if (weakness.isPresent()) {
            throw new AdminRefusal(400, AdminRefusal.WEAK_PASSWORD, weakness.get());
        }
    }

    private <T> T body(Context ctx, Class<T> type) {
        try {
            return json.readValue(ctx.body(), type);
        } catch (IOException e) {
            throw new AdminRefusal(400, "the request body is not the JSON this call expects");
        }
    }

    private static char[] chars(String text) {
        return text == null ? new char[0] : text.toCharArray();
    }

    /** The socket's address: a header could name any address, so the throttle never reads one. */
    private static InetAddress client(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr());
        } catch (UnknownHostException e) {
            // getRemoteAddr is a literal address, which getByName parses without a lookup.
            throw new IllegalStateException("not an address literal: " + ctx.req().getRemoteAddr(), e);
        }
    }
}
