package org.hearth.gateway.admin;

import java.io.IOException;
import java.util.List;

/**
 * The single admin of a server without a config editor: one password in {@code DATA/admin-password}
 * (AdminPassword), named "admin". Other accounts need hearth.yml, and are refused here.
 */
final class FileUsers implements UserStore {

    private final AdminPassword password;

    FileUsers(AdminPassword password) {
        this.password = password;
    }

    @Override
    public List<AdminUser> users() {
        return password.hash().map(hash -> List.of(new AdminUser(AdminUser.DEFAULT_NAME, AdminRole.ADMIN, hash)))
                .orElse(List.of());
    }

    @Override
    public synchronized boolean addFirstAdmin(AdminUser user) throws IOException {
        if (password.isSet()) {
            return false;
        }
        refuseOtherNames(user.name());
        password.store(user.hash());
        return true;
    }

    @Override
    public void add(String who, AdminUser user) {
        throw new AdminRefusal(409, "this server keeps one account, admin, in " + password.file()
                + "; more accounts need hearth.yml (admin.users)");
    }

    @Override
    public synchronized void changePassword(String who, String name, PasswordHash hash) throws IOException {
        if (!password.isSet() || !AdminUser.DEFAULT_NAME.equalsIgnoreCase(name)) {
            throw UserStore.noSuchUser(name);
        }
        password.store(hash);
    }

    @Override
    public void remove(String who, String name) {
        if (!AdminUser.DEFAULT_NAME.equalsIgnoreCase(name)) {
            throw UserStore.noSuchUser(name);
        }
        throw new AdminRefusal(409, "\"admin\" is the last admin; it cannot be deleted");
    }

    private static void refuseOtherNames(String name) {
        if (!AdminUser.DEFAULT_NAME.equalsIgnoreCase(name)) {
            throw new AdminRefusal(400, "name: this server keeps one account, named admin");
        }
    }
}
