package org.hearth.gateway.admin;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The defence against DNS rebinding: a hostile web page whose own name is made to resolve to the
 * box would otherwise be same-origin with the admin page in the victim's browser, and could read
 * it and try passwords. Such a request still carries the hostile name in {@code Host}, so only
 * requests naming the box are served: an IP literal, {@code localhost}, {@code blocking.boxName}
 * (hearth.lan) or a name in {@code admin.hosts}. Anything else gets 421 before any route runs.
 */
final class HostCheck {

    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6 = Pattern.compile("\\[[0-9a-fA-F:.]+(%[0-9A-Za-z._~-]+)?]");
    private static final Pattern PORT = Pattern.compile(":\\d{1,5}$");

    private final Set<String> names;

    /** @param names the box's own names (boxName, admin.hosts); localhost and IP literals always pass */
    HostCheck(Collection<String> names) {
        this.names = names.stream().map(HostCheck::normalise).collect(Collectors.toUnmodifiableSet());
    }

    void before(Context ctx) {
        String host = ctx.header("Host");
        if (host != null && !allows(host)) {
            throw new AdminRefusal(421, "this page answers only to the box's own names and addresses, not \""
                    + shorten(host) + "\"; add the name to admin.hosts in hearth.yml if it is the box's");
        }
    }

    /** Whether a Host header value (with or without port) names the box. */
    boolean allows(String host) {
        String bare = PORT.matcher(host.strip()).replaceFirst("");
        if (V4.matcher(bare).matches() || V6.matcher(bare).matches()) {
            return true;
        }
        String name = normalise(bare);
        return name.equals("localhost") || names.contains(name);
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** The refusal echoes the name as JSON text; a long one is cut. */
    private static String shorten(String host) {
        return host.length() <= 100 ? host : host.substring(0, 100) + "...";
    }
}
