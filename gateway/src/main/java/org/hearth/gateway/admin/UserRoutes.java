package org.hearth.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hearth.gateway.config.AdminUserConfig;
import org.hearth.gateway.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts: an admin lists, adds and deletes them and resets anyone's password; every user may
 * change their own (with their current password). Never the last admin goes: someone must be able
 * to change the box. A deleted account or a reset password signs that user's browsers out.
 */
final class UserRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(UserRoutes.class);

    private final UserStore users;
    private final Sessions sessions;
    private final PasswordHashing hashing;
    private final AuthRoutes auth;
    private final ObjectMapper json;

    record NewUser(String name, String role, String password) {}

    record NewPassword(String password, String current) {}

    record User(String name, String role) {}

    UserRoutes(UserStore users, Sessions sessions, PasswordHashing hashing, AuthRoutes auth, ObjectMapper json) {
        this.users = users;
        this.sessions = sessions;
        this.hashing = hashing;
        this.auth = auth;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/api/users", this::list, AdminRole.ADMIN);
        app.post("/api/users", this::add, AdminRole.ADMIN);
        // VIEWER: a viewer may change their own password; the handler lets only an admin change another's.
        app.post("/api/users/{name}/password", this::password, AdminRole.VIEWER);
        app.delete("/api/users/{name}", this::remove, AdminRole.ADMIN);
    }

    /** {@code GET /api/users}: {users: [{name, role}]}, never a hash. */
    private void list(Context ctx) {
        List<User> shown = users.users().stream().map(u -> new User(u.name(), u.roleName())).toList();
        ctx.json(Map.of("users", shown));
    }

    /** {@code POST /api/users {name, role, password}}: 201 {name, role}; 409 when the name is taken. */
    private void add(Context ctx) throws IOException, ConfigException {
        NewUser request = RequestBody.read(json, ctx, NewUser.class);
        String name = name(request.name());
        AdminRole role = role(request.role());
        char[] password = RequestBody.chars(request.password());
        PasswordHash hash;
        try {
            AuthRoutes.refuseWeak(password);
            hash = hashing.hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
        String who = who(ctx);
        users.add(who, new AdminUser(name, role, hash));
        LOG.info("\"{}\" added the {} account \"{}\"", who, AuthRoutes.roleName(role), name);
        ctx.status(201).json(new User(name, AuthRoutes.roleName(role)));
    }

    /**
     * {@code POST /api/users/{name}/password {password, current?}}: an admin sets anyone's password;
     * one's own needs {@code current} as well (as {@code POST /api/password}).
     */
    private void password(Context ctx) throws IOException, ConfigException {
        Sessions.Session session = AdminAccess.session(ctx).orElseThrow();
        String name = ctx.pathParam("name");
        NewPassword request = RequestBody.read(json, ctx, NewPassword.class);
        if (session.user().equalsIgnoreCase(name)) {
            auth.changeOwnPassword(ctx, session, request.current(), request.password());
            return;
        }
        if (users.find(session.user()).map(AdminUser::role).orElse(null) != AdminRole.ADMIN) {
            throw new AdminRefusal(403, AdminRefusal.NOT_ALLOWED, "only an admin may change another user's password");
        }
        AdminUser user = users.find(name).orElseThrow(() -> UserStore.noSuchUser(name));
        char[] password = RequestBody.chars(request.password());
        PasswordHash hash;
        try {
            AuthRoutes.refuseWeak(password);
            hash = hashing.hash(password);
        } finally {
            Arrays.fill(password, '\0');
        }
        users.changePassword(session.user(), user.name(), hash);
        sessions.endFor(user.name());
        LOG.info("\"{}\" set the password of \"{}\"; their browsers are signed out", session.user(), user.name());
        ctx.json(new User(user.name(), user.roleName()));
    }

    /** {@code DELETE /api/users/{name}}: 204; 409 for the last admin. Their browsers are signed out. */
    private void remove(Context ctx) throws IOException, ConfigException {
        String name = ctx.pathParam("name");
        String who = who(ctx);
        users.remove(who, name);
        sessions.endFor(name);
        LOG.info("\"{}\" deleted the account \"{}\"", who, name);
        ctx.status(204);
    }

    static String who(Context ctx) {
        return AdminAccess.session(ctx).map(Sessions.Session::user).orElse(AdminUser.DEFAULT_NAME);
    }

    static String name(String name) {
        if (!AdminUserConfig.validName(name)) {
            throw new AdminRefusal(400, "name: 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a"
                    + " letter or digit");
        }
        return name;
    }

    private static AdminRole role(String role) {
        if (AdminUserConfig.ADMIN.equals(role) || AdminUserConfig.VIEWER.equals(role)) {
            return AdminRole.valueOf(role.toUpperCase(Locale.ROOT));
        }
        throw new AdminRefusal(400, "role: admin or viewer");
    }
}
