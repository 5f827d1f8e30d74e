package org.hearth.gateway.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Ticker;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.HostPort;
import org.hearth.gateway.http.HttpListeners;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.manage.ConfigEditor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server: the JSON API under /api and the static web UI, on the admin.listen
 * addresses, behind a password. On a box with no password yet it writes a one-time setup code to
 * the data folder and accepts a password only together with that code.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** The port of an admin.listen entry that names none, as CONTRACT.md's example uses. */
    public static final int DEFAULT_PORT = 8080;
    /** blocking.boxName's default, the name the Host check lets through without a config. */
    static final String DEFAULT_BOX_NAME = "hearth.lan";

    private final Javalin app;
    private final List<InetSocketAddress> addresses;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Sessions sessions;

    /**
     * How sign-in behaves; {@link #defaults()} for the gateway, tests shorten the hashing.
     *
     * @param idle a session ends after this long without a request
     * @param lifetime a session ends this long after sign-in, however busy
     * @param maxFailures wrong passwords or setup codes one client may send within {@code lockout}
     * @param lockout how long a client over its budget waits
     * @param hashIterations PBKDF2 iterations for a newly set password
     */
    public record Options(Duration idle, Duration lifetime, int maxFailures, Duration lockout, int hashIterations,
            List<String> hostNames) {
        /** adminx: the box's names the Host header may give (besides IP literals and localhost). */
        public Options {
            hostNames = List.copyOf(hostNames);
        }

        /** The box answering to its default name, hearth.lan, only. */
        public Options(Duration idle, Duration lifetime, int maxFailures, Duration lockout, int hashIterations) {
            this(idle, lifetime, maxFailures, lockout, hashIterations, List.of(DEFAULT_BOX_NAME));
        }

        public static Options defaults() {
            return new Options(Duration.ofMinutes(30), Duration.ofHours(12), 5, Duration.ofMinutes(15),
                    PasswordHash.DEFAULT_ITERATIONS);
        }

        /** These options answering to {@code names} (blocking.boxName and admin.hosts). */
        public Options withHostNames(List<String> names) {
            return new Options(idle, lifetime, maxFailures, lockout, hashIterations, names);
        }
    }

    private AdminServer(Javalin app, List<InetSocketAddress> addresses, Sessions sessions) {
        this.app = app;
        this.addresses = addresses;
        this.sessions = sessions;
    }

    /**
     * Binds every address in {@code listen} and starts serving.
     *
     * @throws IOException when an address cannot be bound or the password file is unreadable; nothing
     *     is left running then, and the DNS side is not affected
     */
    public static AdminServer start(List<InetSocketAddress> listen, Path dataDir, AdminSources sources,
            Options options, Ticker ticker) throws IOException {
        return start(listen, dataDir, sources, options, ticker, AdminHttpLimits.defaults());
    }

    /** As above, with the HTTP connection limits and timeouts (tests shorten them). */
    public static AdminServer start(List<InetSocketAddress> listen, Path dataDir, AdminSources sources,
            Options options, Ticker ticker, AdminHttpLimits limits) throws IOException {
        if (listen.isEmpty()) {
            throw new IllegalArgumentException("admin.listen names no address");
        }
        SecureRandom random = new SecureRandom();
        // adminx: the accounts live in hearth.yml (admin.users) when there is an editor for it.
        UserStore users = UserStore.open(dataDir, sources.editor(), options.hashIterations(), random);
        SetupCode setupCode = null;
        if (!users.hasAdmin()) {
            setupCode = SetupCode.create(dataDir, random);
        }
        PasswordHashing hashing = new PasswordHashing(options.hashIterations(), random);
        Sessions sessions = new Sessions(options.idle(), options.lifetime(), ticker, random);
        AdminAccess access = new AdminAccess(sessions, users);
        LoginThrottle throttle = new LoginThrottle(options.maxFailures(), options.lockout(), ticker);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(json, false));
            // A box with 512 MiB serves one admin, not the internet: a few threads are plenty. Each
            // connector takes one acceptor and one selector thread for good, hence the 2 per address.
            QueuedThreadPool threads = new QueuedThreadPool(16 + 2 * listen.size(), 2);
            threads.setName("hearth-admin");
            config.jetty.threadPool = threads;
            // reliab3: connection limits and slow-client timeouts (AdminHttpLimits, gateway/LIMITS.md)
            config.jetty.modifyServer(server -> server.addBean(new ConnectionLimit(limits.maxConnections(), server)));
            config.jetty.modifyServletContextHandler(context -> context.addFilter(
                    new org.eclipse.jetty.servlet.FilterHolder(new PathFilter()), "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST))); // reliab3: odd paths
            for (InetSocketAddress address : listen) {
                config.jetty.addConnector((server, http) -> {
                    http.setSendServerVersion(false); // no free hint for anyone scanning the network
                    http.setMinRequestDataRate(limits.minRequestBytesPerSecond()); // reliab3: slow bodies
                    // One acceptor, one selector: Jetty's defaults grow with the core count, and on a
                    // many-core machine would outnumber the small pool and stop the server from starting.
                    ServerConnector connector = new ServerConnector(server, 1, 1, new AdminConnectionGuard(http, limits));
                    connector.setIdleTimeout(limits.idleTimeout().toMillis()); // reliab3
                    connector.setHost(address.getAddress().getHostAddress());
                    connector.setPort(address.getPort());
                    return connector;
                });
            }
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/admin-ui";
                files.location = Location.CLASSPATH;
            });
        });
        // adminx: the Host check first, so a rebinding page's request gets nothing at all, not even a header.
        app.before(new HostCheck(options.hostNames())::before);
        app.before(access::before);
        app.beforeMatched(access::beforeMatched);
        AuthRoutes auth = new AuthRoutes(users, setupCode, sessions, throttle, json, hashing, options.lifetime());
        auth.register(app);
        new LogRoutes(sources.log(), sources.unknownDevices(), sources.clock().getZone()).register(app);
        new PauseRoutes(sources.pauses(), sources.clock(), json).register(app);
        // manage: devices, profiles, categories, check a name, settings, config export/import; every
        // change through sources.editor() (ConfigEditor: checked, atomic, applied at once, audited).
        ConfigEdits edits = new ConfigEdits(sources.editor(), json);
        new DeviceRoutes(sources, edits).register(app);
        new ProfileRoutes(sources, edits).register(app);
        new CheckRoutes(sources, edits, json).register(app);
        new SettingsRoutes(edits).register(app);
        new ConfigRoutes(edits).register(app);
        // web: children's unblock requests, approvals and temporary allows
        new RequestRoutes(sources.requests(), json).register(app);
        new AlertRoutes(sources.alerts()).register(app); // alerts: 503 on a gateway without them
        // adminx: accounts, list sources, statistics, the audit trail, health and the API description.
        new UserRoutes(users, sessions, hashing, auth, json).register(app);
        new ListRoutes(sources.editor(), sources.lists(), sources.clock(), json).register(app);
        StatsRoutes.over(sources.log(), sources.clock()).register(app);
        new AuditRoutes(sources.editor()).register(app);
        new AboutRoutes(sources.health(), sources.lists()).register(app);
        app.exception(ConfigException.class, (problem, ctx) -> {
            // adminx: a change the config checks refuse; nothing was written.
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("error", "the change does not pass the config checks; nothing was changed");
            body.put("problems", problem.problems());
            ctx.status(400).json(body);
        });
        app.exception(AdminRefusal.class, (refusal, ctx) -> {
            if (refusal instanceof AdminRefusal.TooManyAttempts tooMany) {
                ctx.header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
            }
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("error", refusal.getMessage());
            if (refusal.code() != null) {
                body.put("code", refusal.code());
            }
            if (refusal instanceof ConfigRefusal config) {
                body.put("problems", config.problems()); // manage: each check that failed, one line each
            }
            ctx.status(refusal.status()).json(body);
        });
        // reliab3: what Jetty refuses while reading a request (a body slower than the minimum data
        // rate: 408) is the client's doing, answered with Jetty's status and no stack trace
        app.exception(org.eclipse.jetty.http.BadMessageException.class, (e, ctx) -> {
            LOG.debug("admin API {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(e.getCode()).json(Map.of("error", String.valueOf(e.getReason())));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("admin API {} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(Map.of("error", "the gateway could not do that; its log says why"));
        });
        List<InetSocketAddress> bound = HttpListeners.start(app, listen, "admin server");
        List<String> shown = HttpListeners.links(bound);
        if (setupCode != null) {
            LOG.warn("no admin account yet: open the admin page at {} and enter the setup code in {}", shown,
                    setupCode.file());
        } else {
            LOG.info("admin web UI and API on {}", shown);
        }
        return new AdminServer(app, bound, sessions);
    }

    /**
     * Starts the admin server on the config's admin.listen addresses (port 8080 where one names
     * none). What the gateway's wiring calls.
     *
     * @param sources what the API reads and changes in the running gateway
     * @return empty when admin.listen is empty (no admin page wanted) or when it cannot start, which
     *     is logged: the contract is that DNS keeps serving
     */
    public static Optional<AdminServer> startFor(LoadedConfig config, AdminSources sources) {
        if (config.config().admin().listen().isEmpty()) {
            LOG.info("admin.listen is empty: no admin page");
            return Optional.empty();
        }
        try {
            List<InetSocketAddress> listen = new ArrayList<>();
            for (String text : config.config().admin().listen()) {
                listen.add(HostPort.parseListen(text, DEFAULT_PORT));
            }
            List<String> hostNames = new ArrayList<>(config.config().admin().hosts());
            hostNames.add(config.config().blocking().boxName());
            return Optional.of(start(listen, config.dataDir(), sources, Options.defaults().withHostNames(hostNames),
                    Ticker.systemTicker()));
        } catch (IOException e) {
            // The message names the address and the reason; a trace would bury it.
            LOG.error("admin web UI and API not started; DNS keeps serving: {}", e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.error("admin web UI and API not started; DNS keeps serving", e);
            return Optional.empty();
        }
    }

    /** Every route as "METHOD path roles", for the test that proves each declares its role. */
    List<String> routeTable() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> !parsed.getEndpoint().getMethod().name().startsWith("BEFORE")
                        && !parsed.getEndpoint().getMethod().name().startsWith("AFTER"))
                .map(parsed -> parsed.getEndpoint().getMethod() + " " + parsed.getEndpoint().getPath() + " "
                        + parsed.getEndpoint().getRoles())
                .toList();
    }

    /** manage: the sessions, so a test can sign in a viewer until admin.users makes viewer accounts. */
    Sessions sessions() {
        return sessions;
    }

    /** The addresses bound, in admin.listen order (the real port where it said 0). */
    public List<InetSocketAddress> addresses() {
        return addresses;
    }

    /** Stops serving; a second call does nothing (serve's shutdown hook and its normal exit both call it). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            app.stop();
        }
    }

}
