package org.hearth.gateway.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.hearth.gateway.config.AdminUserConfig;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.manage.ConfigEditor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts in hearth.yml's {@code admin.users}, changed through the {@link ConfigEditor} like
 * every other admin edit: re-read, checked, written atomically, audited (the hash masked). Read from
 * the file at each sign-in, so a hand edit counts at once; when the file cannot be read (a broken
 * hand edit) the accounts of the last good read stay, rather than locking everyone out.
 */
final class ConfigUsers implements UserStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigUsers.class);
    /** Who the audit names for the one-time move of the old password file. */
    static final String MIGRATION = "hearth (upgrade)";

    private final ConfigEditor editor;
    private volatile List<AdminUser> lastGood;
    /** The file's time, size and inode when {@link #lastGood} was read from it. */
    private volatile String readStamp = "";

    private ConfigUsers(ConfigEditor editor, List<AdminUser> users) {
        this.editor = editor;
        this.lastGood = users;
    }

    /**
     * The accounts of {@code editor}'s file. On a box upgraded from the single password, the hash in
     * {@code DATA/admin-password} becomes the account "admin" in admin.users once, and the file goes.
     *
     * @throws ConfigException when hearth.yml cannot be read or the move cannot be written; the
     *     caller then keeps the password file
     */
    static ConfigUsers open(ConfigEditor editor, Path dataDir) throws ConfigException, IOException {
        ConfigUsers users = new ConfigUsers(editor, parse(editor.current().config().admin().users()));
        Path old = dataDir.resolve(AdminPassword.FILE_NAME);
        if (Files.exists(old) && users.lastGood.isEmpty()) {
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(Files.readString(old, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IOException(old + ": " + e.getMessage() + " (delete the file to use first-run setup)", e);
            }
            users.addFirstAdmin(new AdminUser(AdminUser.DEFAULT_NAME, AdminRole.ADMIN, hash), MIGRATION,
                    "moved the admin password from " + old + " into admin.users");
            Files.delete(old);
            LOG.info("admin password moved from {} into {} as user \"admin\"", old, editor.file());
        } else if (Files.exists(old)) {
            LOG.warn("{} is ignored: the accounts are in {} (admin.users); delete the file", old, editor.file());
        }
        return users;
    }

    /**
     * Re-reads hearth.yml only when it changed (its time and size): the open session route asks on
     * every page load, and a full load with the policy's checks is not something anyone on the
     * network should be able to make the box do in a loop.
     */
    @Override
    public List<AdminUser> users() {
        String stamp = stamp(editor.file());
        if (stamp.equals(readStamp)) {
            return lastGood;
        }
        synchronized (this) {
            try {
                lastGood = parse(editor.current().config().admin().users());
            } catch (ConfigException e) {
                LOG.warn("admin accounts: {} cannot be read, the last good accounts stay: {}", editor.file(),
                        e.problems());
            }
            readStamp = stamp;
        }
        return lastGood;
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "/" + attributes.size() + "/"
                    + attributes.fileKey();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    @Override
    public boolean addFirstAdmin(AdminUser user) throws ConfigException, IOException {
        return addFirstAdmin(user, user.name(), "first-run setup: created admin account \"" + user.name() + "\"");
    }

    private boolean addFirstAdmin(AdminUser user, String who, String action) throws ConfigException, IOException {
        boolean[] added = {false};
        edit(who, action, users -> {
            if (users.stream().anyMatch(u -> AdminUserConfig.ADMIN.equals(u.role()))) {
                return users;
            }
            added[0] = true;
            List<AdminUserConfig> next = new ArrayList<>(users);
            next.removeIf(u -> user.named(u.name())); // a viewer of that name gives way to the first admin
            next.add(entry(user));
            return next;
        });
        return added[0];
    }

    @Override
    public void add(String who, AdminUser user) throws ConfigException, IOException {
        edit(who, "added user \"" + user.name() + "\" (" + user.roleName() + ")", users -> {
            if (users.stream().anyMatch(u -> user.named(u.name()))) {
                throw new AdminRefusal(409, "there is already a user \"" + user.name() + "\"");
            }
            List<AdminUserConfig> next = new ArrayList<>(users);
            next.add(entry(user));
            return next;
        });
    }

    @Override
    public void changePassword(String who, String name, PasswordHash hash) throws ConfigException, IOException {
        edit(who, "changed the password of \"" + name + "\"", users -> {
            List<AdminUserConfig> next = new ArrayList<>();
            boolean found = false;
            for (AdminUserConfig u : users) {
                boolean match = u.name() != null && u.name().equalsIgnoreCase(name);
                found |= match;
                next.add(match ? new AdminUserConfig(u.name(), u.role(), hash.encode()) : u);
            }
            if (!found) {
                throw UserStore.noSuchUser(name);
            }
            return next;
        });
    }

    @Override
    public void remove(String who, String name) throws ConfigException, IOException {
        edit(who, "deleted user \"" + name + "\"", users -> {
            AdminUserConfig gone = users.stream().filter(u -> u.name() != null && u.name().equalsIgnoreCase(name))
                    .findFirst().orElseThrow(() -> UserStore.noSuchUser(name));
            if (AdminUserConfig.ADMIN.equals(gone.role())
                    && users.stream().filter(u -> AdminUserConfig.ADMIN.equals(u.role())).count() == 1) {
                throw new AdminRefusal(409, "\"" + gone.name() + "\" is the last admin; add another admin first");
            }
            List<AdminUserConfig> next = new ArrayList<>(users);
            next.remove(gone);
            return next;
        });
    }

    /** One edit of admin.users; {@code change} sees the accounts as the file has them now, under the editor's lock. */
    private void edit(String who, String action, UnaryOperator<List<AdminUserConfig>> change)
            throws ConfigException, IOException {
        closeToOthers(editor.file());
        ConfigEditor.Outcome outcome = editor.edit(who, action,
                config -> config.withAdmin(config.admin().withUsers(change.apply(config.admin().users()))));
        lastGood = parse(outcome.config().config().admin().users());
        readStamp = ""; // our own write: read it back once, as a hand edit would be
    }

    /**
     * A config with password hashes is not for every user of the box: other users lose read access
     * before the write, and ConfigWriter gives the new file the old one's mode. The group keeps its
     * rights (the Pi package shares the file with group hearth, mode 0660).
     */
    private static void closeToOthers(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null || !Files.exists(file)) {
            return;
        }
        Set<PosixFilePermission> mode = view.readAttributes().permissions();
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
        if (mode.removeAll(others)) {
            view.setPermissions(mode);
        }
    }

    private static AdminUserConfig entry(AdminUser user) {
        return new AdminUserConfig(user.name(), user.roleName(), user.hash().encode());
    }

    /** The checks (AdminChecks) refuse a bad entry before it lands; one that got here anyway is skipped. */
    private static List<AdminUser> parse(List<AdminUserConfig> entries) {
        List<AdminUser> users = new ArrayList<>();
        for (AdminUserConfig entry : entries) {
            try {
                AdminRole role = AdminRole.valueOf(entry.role().toUpperCase(Locale.ROOT));
                if (role == AdminRole.OPEN) {
                    continue;
                }
                users.add(new AdminUser(entry.name(), role, PasswordHash.parse(entry.passwordHash())));
            } catch (RuntimeException e) {
                LOG.warn("admin.users: skipping the entry for \"{}\": {}", entry.name(), e.getMessage());
            }
        }
        return List.copyOf(users);
    }
}
