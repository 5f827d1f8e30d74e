package org.hearth.gateway.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed-in admin sessions, in memory: a restart signs everyone out, which is fine for a box with
 * one admin. A session ends after {@code idle} without a request, or {@code lifetime} after
 * sign-in whatever happens, so a cookie left in a shared school browser stops working by itself.
 */
public final class Sessions {

    /** One admin, perhaps a few tabs and devices; past this the least recently used goes. */
    private static final int MAX_SESSIONS = 64;
    private static final int TOKEN_BYTES = 32;

    private final Cache<String, Session> sessions;
    private final Duration lifetime;
    private final Ticker ticker;
    private final SecureRandom random;

    /**
     * A signed-in browser: {@code csrf} must come back in a header on every state-changing request;
     * {@code user} is the account's name, as admin.users spells it (the audit trail's "who").
     */
    public record Session(String id, String csrf, long createdNanos, AdminRole role, String user) {
        @Override
        public String toString() {
            return "Session[" + user + ", " + role + ", created " + createdNanos + "]";
        }
    }

    public Sessions(Duration idle, Duration lifetime, Ticker ticker, SecureRandom random) {
        this.sessions = Caffeine.newBuilder().maximumSize(MAX_SESSIONS).expireAfterAccess(idle).ticker(ticker)
                .executor(Runnable::run).build();
        this.lifetime = lifetime;
        this.ticker = ticker;
        this.random = random;
    }

    /** A session of the single admin of a box without admin.users. */
    public Session create(AdminRole role) {
        return create("admin", role);
    }

    public Session create(String user, AdminRole role) {
        Session session = new Session(token(), token(), ticker.read(), role, user);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id; an expired one is removed and not returned. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.getIfPresent(id);
        if (session != null && ticker.read() - session.createdNanos() >= lifetime.toNanos()) {
            sessions.invalidate(id);
            return Optional.empty();
        }
        return Optional.ofNullable(session);
    }

    public void end(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    /** Signs out every browser of {@code user} (names compared ignoring case): password changed, account deleted. */
    public void endFor(String user) {
        sessions.asMap().values().removeIf(session -> session.user().equalsIgnoreCase(user));
    }

    /** Signs every browser out, e.g. after the password changed. */
    public void endAll() {
        sessions.invalidateAll();
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
