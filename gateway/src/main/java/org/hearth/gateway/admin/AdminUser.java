package org.hearth.gateway.admin;

import java.util.Locale;

/** An account of the admin page: its name, its role (ADMIN or VIEWER) and its password hash. */
public record AdminUser(String name, AdminRole role, PasswordHash hash) {

    /** The name the old single-password box and a login without a name mean. */
    public static final String DEFAULT_NAME = "admin";

    /** Whether this account is the one {@code typed} names; names are compared ignoring case. */
    public boolean named(String typed) {
        return typed != null && name.toLowerCase(Locale.ROOT).equals(typed.toLowerCase(Locale.ROOT));
    }

    /** The role as hearth.yml and the API spell it. */
    public String roleName() {
        return role.name().toLowerCase(Locale.ROOT);
    }

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "AdminUser[" + name + ", " + role + "]";
    }
}
