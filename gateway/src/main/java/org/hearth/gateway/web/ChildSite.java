package org.hearth.gateway.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.hearth.gateway.config.IpLiteral;
import org.hearth.gateway.log.BlockReason;
import org.hearth.gateway.log.LogEntry;
import org.hearth.gateway.log.LogFilter;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Decision;
import org.hearth.gateway.policy.DomainNames;
import org.hearth.gateway.policy.PolicyExplainer;
import org.hearth.gateway.query.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child-facing site's routes. A request for the box itself (its name, localhost or an address)
 * gets the "why" page and the form; a request for any other name came here because DNS answered a
 * blocked name with the box's address (blocking.mode blockpage), and gets the block page. The asking
 * device is always found from the connection's source address, as the DNS path finds it, and is
 * shown its own entries and requests only.
 */
final class ChildSite {

    private static final Logger LOG = LoggerFactory.getLogger(ChildSite.class);
    /** How far back the "why" page looks: a child remembers last week, not last month. */
    static final Duration RECENT = Duration.ofDays(7);
    private static final int MAX_SITES = 30;
    private static final String CSS_PATH = "/hearth-child.css";
    private static final int TYPE_A = 1;
    /** Lookups a child never typed (canaries) or that were not refused (SafeSearch): not shown. */
    private static final Set<BlockReason> NOT_SHOWN = Set.of(BlockReason.SAFESEARCH, BlockReason.BYPASS_CANARY);

    private final PolicyExplainer explainer;
    private final Supplier<String> boxName;
    private final LogQueries log;
    private final UnblockRequests requests;
    private final ChildPages pages;
    private final ChildWords words;
    private final Messages messages;
    private final FormToken tokens;
    private final Clock clock;
    private final byte[] css;

    ChildSite(PolicyExplainer explainer, Supplier<String> boxName, LogQueries log, UnblockRequests requests,
            ChildPages pages, Messages messages, FormToken tokens, Clock clock) {
        this.explainer = explainer;
        this.boxName = boxName;
        this.log = log;
        this.requests = requests;
        this.pages = pages;
        this.words = new ChildWords(messages);
        this.messages = messages;
        this.tokens = tokens;
        this.clock = clock;
        try (InputStream in = ChildSite.class.getResourceAsStream("/web" + CSS_PATH)) {
            this.css = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing /web" + CSS_PATH + " in the jar", e);
        }
    }

    void register(Javalin app) {
        app.before(this::before);
        app.get(CSS_PATH, ctx -> ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600")
                .result(css));
        app.get("/", this::why);
        app.post("/ask", this::ask);
        app.error(404, ctx -> html(ctx, 404, pages.notFound(language(ctx))));
    }

    private void before(Context ctx) {
        // Nothing loads from elsewhere, nothing runs, nothing frames the page, forms post only here.
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self';"
                + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // Same-origin: the form's Referer reaches us (the origin check), and never leaves the box.
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        if (!isBox(host(ctx)) && !CSS_PATH.equals(ctx.path())) {
            blockPage(ctx);
            ctx.skipRemainingHandlers();
        }
    }

    /** The block page, for whatever path and method: the browser asked a blocked site for it. */
    private void blockPage(Context ctx) {
        String language = language(ctx);
        String site = host(ctx);
        String why = null;
        try {
            Decision decision = explainer.explain(client(ctx), DomainNames.normalise(site), TYPE_A, clock.instant());
            if (decision instanceof Decision.Blocked blocked) {
                why = words.why(language, blocked.reason());
            }
        } catch (IllegalArgumentException e) {
            html(ctx, 404, pages.notFound(language)); // a Host that is no name: nothing to explain
            return;
        }
        int port = ctx.req().getLocalPort();
        String whyUrl = "http://" + boxName.get() + (port == 80 ? "" : ":" + port) + "/";
        // 403 tells programs the truth; browsers show the page all the same.
        html(ctx, why == null ? 200 : 403, pages.block(language, site, why, whyUrl));
    }

    private void why(Context ctx) throws SQLException {
        ClientIdentity who = explainer.identify(client(ctx));
        String site = ctx.queryParam("site");
        html(ctx, 200, whyPage(ctx, who, null, site == null ? "" : site));
    }

    private void ask(Context ctx) throws SQLException {
        ClientIdentity who = explainer.identify(client(ctx));
        String language = language(ctx);
        if (!fromThisSite(ctx) || !tokens.valid(who.deviceId(), ctx.formParam("token"))) {
            LOG.info("unblock form refused from {}: another site, or a missing or old token", client(ctx).getHostAddress());
            html(ctx, 403, whyPage(ctx, who, messages.text(language, "ask.refused"), ""));
            return;
        }
        String site = siteOf(ctx.formParam("site"));
        UnblockRequests.Asked asked;
        try {
            asked = requests.ask(who, site, ctx.formParam("message"));
        } catch (IllegalArgumentException e) {
            html(ctx, 400, whyPage(ctx, who, messages.text(language, "ask.badSite"), site));
            return;
        }
        if (asked instanceof UnblockRequests.Asked.Accepted accepted) {
            html(ctx, 200, whyPage(ctx, who, messages.text(language, "ask.sent", accepted.request().domain()), ""));
        } else if (asked instanceof UnblockRequests.Asked.AlreadyAsked already) {
            html(ctx, 200, whyPage(ctx, who, messages.text(language, "ask.already", already.request().domain()), ""));
        } else {
            ctx.header("Retry-After", "3600");
            html(ctx, 429, whyPage(ctx, who, messages.text(language, "ask.tooMany"), site));
        }
    }

    private String whyPage(Context ctx, ClientIdentity who, String notice, String site) throws SQLException {
        Instant now = clock.instant();
        List<ChildPages.BlockedSite> sites = new ArrayList<>();
        String language = language(ctx);
        Set<String> seen = new LinkedHashSet<>();
        for (LogEntry entry : recent(who, now)) {
            if (!NOT_SHOWN.contains(entry.reason()) && seen.add(entry.name()) && sites.size() < MAX_SITES) {
                sites.add(new ChildPages.BlockedSite(entry.name(), entry.time(),
                        words.why(language, entry.reason(), entry.categories())));
            }
        }
        String deviceName = who.deviceName() == null ? who.deviceId() : who.deviceName();
        return pages.why(new ChildPages.WhyView(language, deviceName, sites,
                requests.ofDevice(who.deviceId(), now.minus(RECENT)), notice, tokens.issue(who.deviceId()), site));
    }

    /** This device's entries only: the filter is on its id, never widened. */
    private List<LogEntry> recent(ClientIdentity who, Instant now) {
        try {
            return log.blocked(LogFilter.all().withDevice(who.deviceId()).between(now.minus(RECENT),
                    now.plusSeconds(1)), null, 200).entries();
        } catch (SQLException e) {
            // A log that cannot be read must not keep the child from asking: the form still works.
            LOG.warn("the \"why\" page could not read the log: {}", e.getMessage());
            return List.of();
        }
    }

    /**
     * Whether the form came from this site: browsers send Origin on a cross-site POST, and the
     * Referer (same-origin policy above) or Sec-Fetch-Site otherwise; any of them naming another
     * site refuses it. The token then proves the form was read from this page by this device.
     */
    private static boolean fromThisSite(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return false;
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin")) {
            return false;
        }
        String host = ctx.header("Host");
        String origin = ctx.header("Origin");
        if (origin != null) {
            return sameAuthority(origin, host);
        }
        String referer = ctx.header("Referer");
        return referer == null || sameAuthority(referer, host);
    }

    private static boolean sameAuthority(String url, String host) {
        try {
            URI uri = new URI(url);
            return host != null && uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host)
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** A child may paste a whole address: keep its host name. */
    static String siteOf(String text) {
        String s = text == null ? "" : text.strip();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        for (char end : new char[] {'/', '?', '#'}) {
            int at = s.indexOf(end);
            if (at >= 0) {
                s = s.substring(0, at);
            }
        }
        int port = s.lastIndexOf(':');
        return port >= 0 ? s.substring(0, port) : s;
    }

    private boolean isBox(String host) {
        return host.isEmpty() || host.equals(boxName.get()) || host.equals("localhost") || IpLiteral.parse(host) != null;
    }

    /** The Host header's name, lower case, without port or IPv6 brackets. */
    static String host(Context ctx) {
        String host = ctx.header("Host");
        if (host == null) {
            return "";
        }
        host = host.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.indexOf(':');
        host = colon >= 0 ? host.substring(0, colon) : host;
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static InetAddress client(Context ctx) {
        String remote = ctx.req().getRemoteAddr();
        if (remote.startsWith("[") && remote.endsWith("]")) {
            remote = remote.substring(1, remote.length() - 1);
        }
        InetAddress address = IpLiteral.parse(remote);
        if (address == null) {
            throw new IllegalStateException("the server gave a remote address that is no IP literal: " + remote);
        }
        return address;
    }

    private static String language(Context ctx) {
        String chosen = ctx.method() == HandlerType.POST ? ctx.formParam("lang") : ctx.queryParam("lang");
        return Messages.choose(chosen, ctx.header("Accept-Language"));
    }

    private static void html(Context ctx, int status, String page) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(page);
    }
}
