package org.hearth.gateway.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.manage.ConfigEditor;
import org.slf4j.LoggerFactory;

/**
 * Where the admin page's accounts are kept: hearth.yml's admin.users ({@link ConfigUsers}, what the
 * gateway uses), or the one admin password file of earlier versions ({@link FileUsers}, for a
 * server started without a config editor). Every change names {@code who} made it, for the audit.
 */
interface UserStore {

    /** The accounts now, in config order. */
    List<AdminUser> users();

    default Optional<AdminUser> find(String name) {
        return users().stream().filter(user -> user.named(name)).findFirst();
    }

    /** Whether anyone can administer the box; without, first-run setup is open (with the setup code). */
    default boolean hasAdmin() {
        return users().stream().anyMatch(user -> user.role() == AdminRole.ADMIN);
    }

    /**
     * First-run setup: adds {@code user} only while there is no admin account.
     *
     * @return false when an admin exists (setup is closed), nothing changed
     */
    boolean addFirstAdmin(AdminUser user) throws ConfigException, IOException;

    /** Adds an account; 409 when the name is taken. */
    void add(String who, AdminUser user) throws ConfigException, IOException;

    /** Replaces an account's password hash; 404 when there is no such account. */
    void changePassword(String who, String name, PasswordHash hash) throws ConfigException, IOException;

    /** Removes an account; 404 when there is none, 409 when it is the last admin. */
    void remove(String who, String name) throws ConfigException, IOException;

    /**
     * hearth.yml's accounts when there is a config editor, moving an old password file there once;
     * the password file alone when there is none, or when hearth.yml cannot take the move (a
     * read-only /etc), which is logged.
     */
    static UserStore open(Path dataDir, ConfigEditor editor, int hashIterations, SecureRandom random)
            throws IOException {
        if (editor != null) {
            try {
                return ConfigUsers.open(editor, dataDir);
            } catch (ConfigException | IOException e) {
                LoggerFactory.getLogger(UserStore.class).error("admin accounts: cannot use admin.users in {} ({});"
                        + " signing in with {} as before", editor.file(), e.getMessage(),
                        dataDir.resolve(AdminPassword.FILE_NAME));
            }
        }
        return new FileUsers(AdminPassword.load(dataDir, hashIterations, random));
    }

    static AdminRefusal noSuchUser(String name) {
        return new AdminRefusal(404, "there is no user \"" + name + "\"");
    }
}
