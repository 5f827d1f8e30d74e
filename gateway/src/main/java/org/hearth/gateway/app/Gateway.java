package org.hearth.gateway.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.hearth.gateway.admin.AdminServer;
import org.hearth.gateway.admin.AdminSources;
import org.hearth.gateway.admin.GatewayHealth;
import org.hearth.gateway.alert.Alerts;
import org.hearth.gateway.background.BackgroundThreads;
import org.hearth.gateway.background.QuietCollector;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.dns.DnsListeners;
import org.hearth.gateway.dns.EdgeCounters;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.dns.QueryDispatcher;
import org.hearth.gateway.guard.AccessList;
import org.hearth.gateway.guard.AnyQueryStage;
import org.hearth.gateway.guard.ClientRateLimiter;
import org.hearth.gateway.guard.GuardStage;
import org.hearth.gateway.lists.ConfiguredLists;
import org.hearth.gateway.lists.ListsRuntime;
import org.hearth.gateway.policy.BlockListener;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.manage.AuditTrail;
import org.hearth.gateway.manage.ConfigEditor;
import org.hearth.gateway.policy.PolicyCompiler;
import org.hearth.gateway.policy.PolicyRuntime;
import org.hearth.gateway.policy.Problem;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.resolve.AnswerCache;
import org.hearth.gateway.resolve.CacheStage;
import org.hearth.gateway.resolve.ForwardStage;
import org.hearth.gateway.resolve.UpstreamAddress;
import org.hearth.gateway.resolve.UpstreamPool;
import org.hearth.gateway.web.UnblockRequests;
import org.hearth.gateway.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running DNS gateway, one per process: the blocked-lookup log, the lists, the policy, the
 * event loops, the stage chain and the listeners, started in that order and closed in reverse.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** How long close() lets queries already read finish; past the upstream deadline they would fail anyway. */
    private static final Duration DRAIN = Duration.ofSeconds(3);

    private final QueryDispatcher dispatcher;
    private final DnsListeners listeners;
    private final PolicyRuntime policy;
    private final ListsRuntime lists;
    private final BlockLog blockLog;
    /** Everything started, most recent first: close() walks it, as does a failed start. */
    private final Deque<AutoCloseable> resources;
    private boolean closed;
    /** Puts an edited config in force: what {@link #apply} and the admin page's editor call. */
    private final ConfigApplier applier;
    /** admin: where the admin page answers; empty when admin.listen is empty or could not be bound. */
    private final List<InetSocketAddress> adminAddresses;
    /** alerts: the alert service, which the web server tells of unblock requests. */
    private final Alerts alerts;

    /** admin: how the admin page (and tests) change hearth.yml. */
    private final ConfigEditor editor;

    /** web: the children's unblock requests (set once in start, before the gateway is returned). */
    private UnblockRequests requests;
    /** web: where the child's pages answer; empty when web.listen is empty or could not be bound. */
    private List<InetSocketAddress> webAddresses = List.of();

    private Gateway(QueryDispatcher dispatcher, DnsListeners listeners, PolicyRuntime policy, ListsRuntime lists,
            BlockLog blockLog, Deque<AutoCloseable> resources, List<InetSocketAddress> adminAddresses,
            ConfigEditor editor, Alerts alerts, ConfigApplier applier) {
        this.editor = editor;
        this.applier = applier;
        this.dispatcher = dispatcher;
        this.listeners = listeners;
        this.policy = policy;
        this.lists = lists;
        this.blockLog = blockLog;
        this.resources = resources;
        this.adminAddresses = adminAddresses;
        this.alerts = alerts;
    }

    /**
     * Starts the gateway and returns once every dns.listen address is bound for UDP and TCP.
     *
     * @throws java.io.IOException naming the address and the reason when one cannot be bound
     * @throws IllegalArgumentException when dns.allow, upstreams or the policy has an entry that is
     *     not valid, or there is no upstream
     */
    public static Gateway start(LoadedConfig config) throws Exception {
        return start(config, Ticker.systemTicker(), Clock.systemDefaultZone());
    }

    /** As {@link #start(LoadedConfig)}, with the clock the answer cache ages entries by (tests move it). */
    public static Gateway start(LoadedConfig config, Ticker ticker) throws Exception {
        return start(config, ticker, Clock.systemDefaultZone());
    }

    /**
     * As {@link #start(LoadedConfig)}, with the cache's ticker and the wall clock that schedules,
     * pauses and the log's timestamps and retention follow, in the box's time zone.
     */
    public static Gateway start(LoadedConfig config, Ticker ticker, Clock clock) throws Exception {
        HearthConfig settings = config.config();
        // Checked before any thread or socket exists, so a bad config leaves nothing to clean up.
        AccessList access = AccessList.of(settings.dns().allow());
        ClientRateLimiter rateLimiter = new ClientRateLimiter(settings.dns().rateLimit(),
                settings.dns().rateLimitBurst(), AccessList.of(settings.dns().rateLimitExempt()), ticker);
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String upstream : settings.upstreams()) {
            servers.add(UpstreamAddress.parse(upstream));
        }
        ConfiguredLists configuredLists = ConfiguredLists.from(config);
        Files.createDirectories(config.dataDir());

        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            BlockLog blockLog = push(started, BlockLog.start(LogDatabase.inDataDir(config.dataDir(), clock),
                    settings.log(), clock));
            // alerts: after the log, whose hearth.db holds the alert outbox; told of every block beside
            // the log (both only queue on the event loop), and of each new unknown device
            Alerts alerts = push(started, Alerts.start(settings.alerts(), LogDatabase.inDataDir(config.dataDir(),
                    clock), Duration.ofDays(settings.log().retentionDays()), clock));
            BlockListener logging = new LoggingBlockListener(blockLog, clock);
            BlockListener blocks = (query, decision) -> {
                logging.blocked(query, decision);
                alerts.blocked(query, decision);
            };
            ListsRuntime lists = push(started, ListsRuntime.start(configuredLists, settings.listsRefresh()));
            PolicyRuntime policy = push(started, PolicyRuntime.start(config, new PolicyCompiler(),
                    settings.identity(), lists.holder(), clock, blocks));
            policy.seenDevices().onFirstSeen(alerts::deviceFirstSeen); // alerts
            NettyTransport transport = push(started, NettyTransport.create(0, true));
            UpstreamPool pool = push(started, UpstreamPool.start(servers, settings.upstream(), transport));
            GuardStage guard = new GuardStage(access, rateLimiter);
            Chain chain = Chain.of(
                    // first: judges the socket address, which a query cannot forge, and each address's
                    // rate, before any work is done
                    guard,
                    // ANY gets one HINFO "RFC8482" (RFC 8482), never an upstream's biggest answer to amplify
                    new AnyQueryStage(),
                    // the box's own name is answered for every device, paused or not: it is how a
                    // child reaches the box's pages, and it must never reach an upstream
                    policy.boxNameStage(),
                    // everything below needs to know which device asked and which profile it follows
                    policy.identifyStage(),
                    // above the cache, so a cached answer never outlives a profile change or a schedule
                    policy.policyStage(),
                    // sees every answer on its way back, cached or not: a CNAME chain into a blocked
                    // name is blocked for this device's profile, whatever another device may see
                    policy.answerCheckStage(),
                    // before forwarding: a hit costs no upstream round trip, and coalesces identical misses
                    new CacheStage(new AnswerCache(settings.cache(), ticker)),
                    // last: the only stage that never hands on; it always answers within the deadline
                    new ForwardStage(pool));
            // The guard also judges the edge's own error replies, which never reach the chain.
            QueryDispatcher dispatcher = new QueryDispatcher(chain, new EdgeCounters(), guard::mayReply);
            // web: the parents' approvals still running are in force before the first question is read
            UnblockRequests.loadAllows(LogDatabase.inDataDir(config.dataDir(), clock), policy.allows(), clock);
            DnsListeners listeners = push(started, DnsListeners.bind(settings.dns(), transport, dispatcher));
            // The old generation's full collections, where the JVM collects it whole, wait for a
            // moment no question is asked (the Pi package's serial collector)
            push(started, QuietCollector.start(dispatcher.counters()::queries, dispatcher::inFlight));
            // The admin page's edits go through hearth.yml: checked like the file, written atomically,
            // applied here at once (the data folder stays the one this gateway started with) and audited.
            ConfigApplier applier = new ConfigApplier(policy, lists, pool, blockLog, alerts);
            String startedDataDir = config.dataDir().toString();
            ConfigEditor editor = new ConfigEditor(config.file(), GatewayChecks.ALL,
                    next -> applier.apply(new LoadedConfig(next.config().withDataDir(startedDataDir), next.file()))
                            .stream().map(Problem::toString).toList(),
                    new AuditTrail(LogDatabase.inDataDir(config.dataDir(), clock), clock));
            // web: the children's unblock requests and the temporary allows they led to, from hearth.db,
            // whether or not the child's page can listen (approved allows stay in force either way).
            UnblockRequests requests = push(started, UnblockRequests.open(LogDatabase.inDataDir(config.dataDir(), clock),
                    policy.allows(), editor, clock));
            requests.addListener(alerts::unblockRequested); // alerts: a parent hears of a child's request
            // adminx: the health route counts the bound listeners and the upstreams the pool holds down.
            Supplier<GatewayHealth> health = () -> new GatewayHealth(listeners.addresses().size(),
                    pool.servers().size(), (int) pool.servers().stream().filter(pool::isDown).count());
            // Both web servers start on a thread at background priority while this one waits: the
            // listeners are bound, the first questions arrive now, and on a one-core box Jetty's
            // start-up (a third of a second) would halve the core they get. Jetty's threads inherit
            // that priority for good: a page waits for DNS, never the other way round.
            // admin: the admin page and API; web: the block page and the child's "why" page. One that
            // cannot listen is logged and DNS keeps serving (CONTRACT.md). Closed before the listeners
            // and the requests they write to.
            AdminSources adminSources = new AdminSources(new LogQueries(LogDatabase.inDataDir(config.dataDir(),
                    clock)), policy.seenDevices()::all, policy.pauses(), clock, editor, policy, lists, requests,
                    alerts, health);
            HttpServers http = BackgroundThreads.callLowered("hearth-http-start", () -> {
                Optional<AdminServer> adminServer = AdminServer.startFor(config, adminSources);
                try {
                    return new HttpServers(adminServer, WebServer.startFor(config, policy, requests, clock));
                } catch (RuntimeException | Error e) {
                    adminServer.ifPresent(AdminServer::close);
                    throw e;
                }
            });
            Optional<AdminServer> admin = http.admin();
            Optional<WebServer> web = http.web();
            admin.ifPresent(server -> push(started, server));
            web.ifPresent(server -> push(started, server));
            LOG.info("DNS gateway started: upstreams {}, allow {}, {} list sources, {} profiles, {} devices",
                    settings.upstreams(), settings.dns().allow(), settings.lists().size(),
                    settings.profiles().size(), settings.devices().size());
            Gateway gateway = new Gateway(dispatcher, listeners, policy, lists, blockLog, started,
                    admin.map(AdminServer::addresses).orElse(List.of()), editor, alerts, applier);
            gateway.requests = requests;
            gateway.webAddresses = web.map(WebServer::addresses).orElse(List.of());
            return gateway;
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** The addresses actually bound (the real port when the config said 0), in config order. */
    public List<InetSocketAddress> dnsAddresses() {
        return listeners.addresses();
    }

    /** admin: the admin page's bound addresses (the real port where admin.listen said 0), or none. */
    public List<InetSocketAddress> adminAddresses() {
        return adminAddresses;
    }

    /** web: the children's unblock requests; the lead wires alerts with {@code requests().addListener(...)}. */
    public UnblockRequests requests() {
        return requests;
    }

    /** web: the child-facing pages' bound addresses (the real port where web.listen said 0), or none. */
    public List<InetSocketAddress> webAddresses() {
        return webAddresses;
    }

    /** Changes hearth.yml as the admin page does: checked, atomic, applied at once, audited. */
    public ConfigEditor editor() {
        return editor;
    }

    /** What the edge dropped, refused, truncated: for metrics and tests. */
    public EdgeCounters counters() {
        return dispatcher.counters();
    }

    public PolicyRuntime policy() {
        return policy;
    }

    public ListsRuntime lists() {
        return lists;
    }

    public BlockLog blockLog() {
        return blockLog;
    }

    /** alerts: where unblock requests are reported ({@link Alerts#unblockRequested}). */
    public Alerts alerts() {
        return alerts;
    }

    /**
     * Applies an edited config that was loaded and checked, all or nothing, without a restart:
     * policy, lists, upstreams, log retention and alerts ({@link ConfigApplier}). The dns, upstream
     * timing and cache sections are read at start only.
     *
     * @return the problems; empty when the edit was accepted (the lists may still be building)
     */
    public List<Problem> apply(LoadedConfig config) {
        return applier.apply(config);
    }

    /** Stops accepting, lets queries already read finish (bounded), then closes everything. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.stopAccepting();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // waiting on other threads' work; the caller is never an event loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (dispatcher.inFlight() > 0) {
            LOG.warn("closing with {} queries unanswered", dispatcher.inFlight());
        }
        // Listeners, upstreams, loops, then the policy, the lists, and last the log, so it flushes
        // the blocks of the queries that were just answered.
        closeAll(resources);
        LOG.info("DNS gateway stopped");
    }

    private record HttpServers(Optional<AdminServer> admin, Optional<WebServer> web) {}

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> started, T resource) {
        started.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
