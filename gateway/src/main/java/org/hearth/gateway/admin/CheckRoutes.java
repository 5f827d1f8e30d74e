package org.hearth.gateway.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.hearth.blocklists.Category;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.gateway.config.DeviceConfig;
import org.hearth.gateway.config.IpLiteral;
import org.hearth.gateway.policy.Decision;
import org.hearth.gateway.policy.PolicyExplainer;
import org.hearth.gateway.policy.Reason;
import org.hearth.gateway.query.ClientIdentity;
import org.xbill.DNS.Type;

/**
 * "Would this name be blocked for this device, and why?" (the policy's explainer, which asks and
 * records nothing), and the categories a profile can block, in plain words.
 */
final class CheckRoutes {

    /** Where the page's English texts live; the category texts are read from there, kept in one place. */
    private static final String ENGLISH = "/admin-ui/en.json";

    private final AdminSources sources;
    private final ConfigEdits edits;
    private final Map<String, String> english;

    record CheckRequest(String name, String device) {}

    record CategoryView(String id, String name, String description, boolean builtIn) {}

    /**
     * The decision in words.
     *
     * @param verdict allowed, blocked or rewritten (SafeSearch)
     * @param reason the kind of rule that decided (Reason.Kind, lower case)
     * @param text the explainer's one line, as the log and {@code hearth lists check} show it
     */
    record CheckAnswer(String name, String device, String profile, String verdict, String reason, String text,
            String category, String rule, String schedule, List<String> sources) {}

    CheckRoutes(AdminSources sources, ConfigEdits edits, ObjectMapper json) {
        this.sources = sources;
        this.edits = edits;
        try (InputStream in = CheckRoutes.class.getResourceAsStream(ENGLISH)) {
            this.english = in == null ? Map.of() : json.readValue(in, new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Javalin app) {
        app.get("/api/categories", this::categories, AdminRole.VIEWER);
        app.post("/api/check", this::check, AdminRole.VIEWER);
    }

    /** {@code GET /api/categories}: built-in ones with the page's English texts, then the config's own. */
    private void categories(Context ctx) {
        List<String> custom = sources.editor() == null ? List.of() : edits.current().config().categories();
        ctx.json(CategoryCatalog.withCustom(custom).all().stream().map(this::view).toList());
    }

    private CategoryView view(Category category) {
        String id = category.id();
        return new CategoryView(id, english.getOrDefault("cat." + id, id),
                english.getOrDefault("cat." + id + ".about", ""), category.builtIn());
    }

    /**
     * {@code POST /api/check {name, device}}: {@code device} is a configured device's name, an IP
     * address, or empty for the default profile. A POST only because the name may be long and should
     * not sit in access logs; it changes nothing, so a viewer may ask.
     */
    private void check(Context ctx) {
        if (sources.policy() == null) {
            throw new AdminRefusal(503, "this admin server has no running policy to ask");
        }
        CheckRequest request = edits.body(ctx, CheckRequest.class);
        if (request.name() == null || request.name().isBlank() || request.name().length() > 253) {
            throw new AdminRefusal(400, "name: give a site's name, like example.com");
        }
        PolicyExplainer explainer = sources.policy().explainer();
        String name = request.name().strip();
        Decision decision;
        try {
            InetAddress address = address(request.device());
            decision = address != null ? explainer.explain(address, name, Type.A, sources.clock().instant())
                    : explainer.explain(identity(request.device()), name, Type.A, sources.clock().instant());
        } catch (IllegalArgumentException e) {
            throw new AdminRefusal(400, "name: \"" + name + "\" is not a site's name");
        }
        Reason reason = decision.reason();
        String verdict = decision instanceof Decision.Blocked ? "blocked"
                : decision instanceof Decision.Rewritten ? "rewritten" : "allowed";
        ClientIdentity who = decision.who();
        ctx.json(new CheckAnswer(decision.name(), who == null ? null : who.deviceName(),
                who == null ? null : who.profileName(), verdict, reason.kind().name().toLowerCase(java.util.Locale.ROOT),
                reason.text(), reason.category(), reason.matched(), reason.schedule(), reason.sources()));
    }

    /** A device given by address (or the policy's ip: id): identified as a query from it would be. */
    private InetAddress address(String device) {
        if (device == null || device.isBlank() || configured(device) != null) {
            return null;
        }
        // A device seen but not configured, by the id the devices list gives it: where it was last seen.
        String address = sources.unknownDevices().get().stream().filter(seen -> seen.id().equals(device))
                .map(seen -> seen.ip()).filter(java.util.Objects::nonNull).findFirst().orElse(device);
        try {
            return IpLiteral.parse(address);
        } catch (IllegalArgumentException e) {
            throw new AdminRefusal(400, "device: give a device's name from the devices page or an IP address");
        }
    }

    /** A configured device by name, or nobody in particular (the default profile). */
    private ClientIdentity identity(String device) {
        String fallback = sources.policy().snapshots().current().defaultProfile().name();
        DeviceConfig configured = device == null ? null : configured(device);
        if (configured == null) {
            return new ClientIdentity(null, null, fallback);
        }
        return new ClientIdentity(device, device, configured.profile() != null ? configured.profile() : fallback);
    }

    private DeviceConfig configured(String name) {
        if (sources.editor() == null) {
            return null;
        }
        return edits.current().config().devices().stream().filter(d -> d.name().equals(name)).findFirst()
                .orElse(null);
    }
}
