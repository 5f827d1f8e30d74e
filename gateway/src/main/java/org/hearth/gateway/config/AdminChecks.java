package org.hearth.gateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code admin.users} and {@code admin.hosts} checks, so that a hand edit is held to the same
 * rules as the admin page: names that can be typed and told apart, a known role, a hash in the
 * stored form (a plain password pasted there is refused, and never echoed).
 */
final class AdminChecks implements ConfigCheck {

    private static final Pattern HASH = Pattern.compile("pbkdf2-sha256\\$[1-9][0-9]{0,9}\\$[A-Za-z0-9+/]{11,}"
            + "\\$[A-Za-z0-9+/]{43}");
    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    @Override
    public List<ConfigProblem> check(HearthConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<AdminUserConfig> users = config.admin().users();
        for (int i = 0; i < users.size(); i++) {
            AdminUserConfig user = users.get(i);
            String path = "admin.users[" + i + "]";
            if (user == null) {
                problems.add(new ConfigProblem(path, "is empty; give name, role and passwordHash"));
                continue;
            }
            if (user.name() == null || !AdminUserConfig.validName(user.name())) {
                problems.add(new ConfigProblem(path + ".name", "\"" + user.name() + "\" is not a user name (1 to 64"
                        + " letters, digits, '.', '_', '@' or '-', starting with a letter or digit)"));
            } else if (!seen.add(user.name().toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigProblem(path + ".name", "\"" + user.name()
                        + "\" is there twice (names are compared ignoring case)"));
            }
            if (!AdminUserConfig.ADMIN.equals(user.role()) && !AdminUserConfig.VIEWER.equals(user.role())) {
                problems.add(new ConfigProblem(path + ".role", "\"" + user.role() + "\" is not admin or viewer"));
            }
            if (user.passwordHash() == null || !HASH.matcher(user.passwordHash()).matches()) {
                // Not echoed: it may be a password someone pasted in by mistake.
                problems.add(new ConfigProblem(path + ".passwordHash", "is not a pbkdf2-sha256$ITERATIONS$SALT$HASH"
                        + " hash; set passwords on the admin page, or delete the entry and use first-run setup"));
            }
        }
        List<String> hosts = config.admin().hosts();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            if (host == null || !HOST.matcher(host.toLowerCase(Locale.ROOT)).matches()) {
                problems.add(new ConfigProblem("admin.hosts[" + i + "]", "\"" + host
                        + "\" is not a host name like hearth.home.arpa"));
            }
        }
        return problems;
    }
}
