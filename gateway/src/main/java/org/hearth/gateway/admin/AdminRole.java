package org.hearth.gateway.admin;

import io.javalin.security.RouteRole;

/**
 * What a route needs, declared on every route (a test walks the route table): {@link #OPEN} for
 * signing in, {@link #VIEWER} to read the log, {@link #ADMIN} to change anything. A route that
 * declares none is refused to everyone.
 */
public enum AdminRole implements RouteRole {
    OPEN,
    /** A teacher who reads the log and nothing more. */
    VIEWER,
    ADMIN;

    /** Whether a session with this role may use a route that needs {@code needed}. */
    public boolean allows(AdminRole needed) {
        return needed == OPEN || ordinal() >= needed.ordinal();
    }
}
