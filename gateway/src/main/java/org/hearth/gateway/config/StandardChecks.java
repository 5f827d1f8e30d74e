package org.hearth.gateway.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.CategorySet;

/**
 * The checks every config gets: addresses, networks, durations, sizes, list sources and categories.
 * Profiles, devices and blocking belong to the policy, which adds its own {@link ConfigCheck}.
 */
final class StandardChecks implements ConfigCheck {

    /** Default ports when a listen address gives none. */
    static final int DNS_PORT = 53;
    static final int ADMIN_PORT = 8080;
    static final int WEB_PORT = 80;

    /** Also a file name in the data folder, so no slashes, spaces or leading dots. */
    private static final Pattern LIST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CATEGORY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    @Override
    public List<ConfigProblem> check(HearthConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<InetSocketAddress> dnsListen = eachValue(problems, "dns.listen", config.dns().listen(),
                s -> HostPort.parseListen(s, DNS_PORT));
        eachValue(problems, "admin.listen", config.admin().listen(), s -> HostPort.parseListen(s, ADMIN_PORT));
        eachValue(problems, "web.listen", config.web().listen(), s -> HostPort.parseListen(s, WEB_PORT));
        helpline(problems, config.web().helpline());
        eachValue(problems, "dns.allow", config.dns().allow(), Cidr::parse);
        eachValue(problems, "dns.rateLimitExempt", config.dns().rateLimitExempt(), Cidr::parse);
        List<InetSocketAddress> upstreams = eachValue(problems, "upstreams", config.upstreams(),
                HostPort::parseUpstream);
        List<InetSocketAddress> ownListen = dnsListen.stream().filter(java.util.Objects::nonNull).toList();
        for (int i = 0; i < upstreams.size(); i++) {
            // Loopback only, not this machine's other addresses: the verdict must not depend on the box.
            if (upstreams.get(i) != null && ResolvConf.isOwn(upstreams.get(i), ownListen,
                    a -> a.isLoopbackAddress() || a.isAnyLocalAddress())) {
                problems.add(new ConfigProblem("upstreams[" + i + "]", "\"" + config.upstreams().get(i)
                        + "\" is one of hearth's own dns.listen addresses; forwarding to it would loop"));
            }
        }
        // Twice the same socket would fail to bind at start; twice the same upstream skews failover.
        duplicates(problems, "dns.listen", config.dns().listen(), dnsListen);
        duplicates(problems, "upstreams", config.upstreams(), upstreams);
        try {
            Path.of(config.dataDir());
        } catch (InvalidPathException e) {
            problems.add(new ConfigProblem("dataDir", "\"" + config.dataDir() + "\" is not a folder path ("
                    + e.getReason() + ")"));
        }
        positive(problems, "dns.tcpIdleTimeout", config.dns().tcpIdleTimeout());
        positive(problems, "dns.maxTcpConnections", config.dns().maxTcpConnections());
        positive(problems, "dns.maxTcpQueriesInFlight", config.dns().maxTcpQueriesInFlight());
        if (config.dns().rateLimit() < 0) {
            problems.add(new ConfigProblem("dns.rateLimit", config.dns().rateLimit() + " must be 0 (off) or more"));
        }
        positive(problems, "dns.rateLimitBurst", config.dns().rateLimitBurst());
        positive(problems, "dns.maxTcpConnectionsPerClient", config.dns().maxTcpConnectionsPerClient());
        if (config.dns().udpSockets() < 0 || config.dns().udpSockets() > DnsConfig.MAX_UDP_SOCKETS) {
            problems.add(new ConfigProblem("dns.udpSockets", config.dns().udpSockets()
                    + " must be 0 (one per CPU) to " + DnsConfig.MAX_UDP_SOCKETS));
        }
        positive(problems, "upstream.timeout", config.upstream().timeout());
        positive(problems, "upstream.deadline", config.upstream().deadline());
        positive(problems, "upstream.probeInterval", config.upstream().probeInterval());
        positive(problems, "upstream.maxInFlight", config.upstream().maxInFlight());
        positive(problems, "cache.maxEntries", config.cache().maxEntries());
        positive(problems, "cache.maxTtl", config.cache().maxTtl());
        if (config.cache().minTtl().compareTo(config.cache().maxTtl()) > 0) {
            problems.add(new ConfigProblem("cache.minTtl", "\"" + Durations.format(config.cache().minTtl())
                    + "\" is longer than cache.maxTtl (" + Durations.format(config.cache().maxTtl()) + ")"));
        }
        // reliab3: list hosts are someone else's servers; a typo such as "1s" must not hammer them
        if (config.listsRefresh().compareTo(Duration.ofMinutes(1)) < 0) {
            problems.add(new ConfigProblem("listsRefresh", "\"" + Durations.format(config.listsRefresh())
                    + "\" is shorter than the minimum, 1m"));
        }
        Set<String> custom = categories(problems, config.categories());
        lists(problems, config.lists(), custom);
        AlertsChecks.check(problems, config.alerts(), custom); // alerts: its own checks, gateway/ALERTS.md
        return problems;
    }

    /** Parses each value; a failure's message is the problem. Keeps positions: a bad value becomes null. */
    private static <T> List<T> eachValue(List<ConfigProblem> problems, String path, List<String> values,
            Function<String, T> parser) {
        List<T> parsed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            try {
                parsed.add(parser.apply(values.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(path + "[" + i + "]", e.getMessage()));
                parsed.add(null);
            }
        }
        return parsed;
    }

    private static void duplicates(List<ConfigProblem> problems, String path, List<String> written,
            List<InetSocketAddress> parsed) {
        for (int i = 0; i < parsed.size(); i++) {
            int first = parsed.indexOf(parsed.get(i));
            if (parsed.get(i) != null && first < i) {
                problems.add(new ConfigProblem(path + "[" + i + "]", "\"" + written.get(i) + "\" is the same address as "
                        + path + "[" + first + "] (\"" + written.get(first) + "\")"));
            }
        }
    }

    private static void positive(List<ConfigProblem> problems, String path, Duration value) {
        if (value.isZero() || value.isNegative()) {
            problems.add(new ConfigProblem(path, "\"" + Durations.format(value) + "\" must be longer than zero"));
        }
    }

    private static void positive(List<ConfigProblem> problems, String path, Integer value) {
        if (value <= 0) {
            problems.add(new ConfigProblem(path, value + " must be 1 or more"));
        }
    }

    private static Set<String> categories(List<ConfigProblem> problems, List<String> ids) {
        Set<String> custom = new HashSet<>();
        int room = CategorySet.MAX_CATEGORIES - CategoryCatalog.BUILT_IN_IDS.size();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String path = "categories[" + i + "]";
            if (!CATEGORY_ID.matcher(id).matches()) {
                problems.add(new ConfigProblem(path, "\"" + id + "\" is not a category id (lower-case letters,"
                        + " digits and -, at most 32, e.g. school-blocked)"));
            } else if (CategoryCatalog.BUILT_IN_IDS.contains(id)) {
                problems.add(new ConfigProblem(path, "\"" + id + "\" is a built-in category; remove it here"));
            } else if (!custom.add(id)) {
                problems.add(new ConfigProblem(path, "\"" + id + "\" is declared twice"));
            } else if (custom.size() > room) {
                problems.add(new ConfigProblem(path, "too many custom categories: at most " + room + " fit"));
            }
        }
        return custom;
    }

    private static void lists(List<ConfigProblem> problems, List<ListSourceConfig> lists, Set<String> custom) {
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < lists.size(); i++) {
            ListSourceConfig list = lists.get(i);
            String path = "lists[" + i + "]";
            if (list.name() == null || list.name().isBlank()) {
                problems.add(new ConfigProblem(path + ".name", "is required (a short name such as ut1-adult)"));
            } else if (!LIST_NAME.matcher(list.name()).matches()) {
                problems.add(new ConfigProblem(path + ".name", "\"" + list.name() + "\" is not a list name"
                        + " (letters, digits, ., _ and -, at most 64, e.g. ut1-adult)"));
            } else {
                Integer first = names.putIfAbsent(list.name(), i);
                if (first != null) {
                    problems.add(new ConfigProblem(path + ".name", "\"" + list.name()
                            + "\" is already the name of lists[" + first + "]; names must be unique"));
                }
            }
            if (list.category() == null || list.category().isBlank()) {
                problems.add(new ConfigProblem(path + ".category", "is required (one of "
                        + String.join(", ", CategoryCatalog.BUILT_IN_IDS) + ", or an id declared in categories:)"));
            } else if (!CategoryCatalog.BUILT_IN_IDS.contains(list.category()) && !custom.contains(list.category())) {
                problems.add(new ConfigProblem(path + ".category", "\"" + list.category() + "\" is not a category;"
                        + " use one of " + String.join(", ", CategoryCatalog.BUILT_IN_IDS)
                        + ", or declare it under categories:"));
            }
            String sourceProblem = sourceProblem(list.source());
            if (sourceProblem != null) {
                problems.add(new ConfigProblem(path + ".source", sourceProblem));
            }
        }
    }

    private static String sourceProblem(String source) {
        if (source == null || source.isBlank()) {
            return "is required (a file path such as lists/adult.txt.gz, or an http(s) URL)";
        }
        if (source.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            try {
                URI uri = new URI(source);
                String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    return "\"" + source + "\": only http and https URLs are fetched; for a local file write its path";
                }
                if (uri.getHost() == null) {
                    return "\"" + source + "\" is not a URL (no host)";
                }
                return null;
            } catch (URISyntaxException e) {
                return "\"" + source + "\" is not a URL (" + e.getReason() + ")";
            }
        }
        try {
            Path.of(source);
            return null;
        } catch (InvalidPathException e) {
            return "\"" + source + "\" is not a file path (" + e.getReason() + ")";
        }
    }

    /** web.helpline: a link a child may follow, so only web or phone links, with words to show. */
    private static void helpline(List<ConfigProblem> problems, WebConfig.Helpline helpline) {
        if (helpline == null) {
            return;
        }
        if (helpline.name() == null || helpline.name().isBlank()) {
            problems.add(new ConfigProblem("web.helpline.name", "give the words the link shows"));
        }
        String url = helpline.url() == null ? "" : helpline.url();
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(java.util.Locale.ROOT) : "";
        boolean ok = switch (scheme) {
            case "http", "https" -> {
                try {
                    yield new URI(url).getHost() != null;
                } catch (URISyntaxException e) {
                    yield false;
                }
            }
            case "tel" -> url.length() > 4;
            default -> false;
        };
        if (!ok) {
            problems.add(new ConfigProblem("web.helpline.url", "\"" + url + "\" is not an http(s) or tel: link"));
        }
    }
}
