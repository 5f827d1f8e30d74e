package org.hearth.gateway.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hearth.blocklists.DomainIndexHolder;
import org.hearth.gateway.background.BackgroundThreads;
import org.hearth.gateway.config.IdentityConfig;
import org.hearth.gateway.config.LoadedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy side of a running gateway, built from the config in one call: the snapshot holder,
 * the three stages, the explainer, pauses and remembered devices, and the background work they need
 * (neighbour tables, saving seen devices, expiring pauses) on one daemon thread of its own, never an
 * event loop. It does not watch the config file: {@code ConfigWatcher} does, and hands edits to
 * {@link #apply} through {@code Gateway.apply}.
 */
public final class PolicyRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolicyRuntime.class);
    private static final int MAX_SEEN_DEVICES = 4096;
    private static final Duration SAVE_EVERY = Duration.ofMinutes(1);

    private final PolicySnapshots snapshots;
    private final PolicyCompiler compiler;
    private final Pauses pauses = new Pauses();
    /** web: approved unblock requests; web/UnblockRequests fills it from hearth.db. */
    private final TemporaryAllows allows = new TemporaryAllows();
    private final DeviceRegistry registry = new DeviceRegistry(MAX_SEEN_DEVICES);
    private final DeviceRegistryFile registryFile;
    private final NeighbourWatcher neighbours;
    private final BoxNameStage boxName;
    private final IdentifyStage identify;
    private final PolicyStage policy;
    private final AnswerCheckStage answerCheck;
    private final PolicyExplainer explainer;
    private final ScheduledExecutorService background;

    private PolicyRuntime(LoadedConfig config, IdentityConfig identity, PolicyCompiler compiler,
            PolicySnapshot snapshot, DomainIndexHolder index, Clock clock, BlockListener listener) {
        this.compiler = compiler;
        this.snapshots = new PolicySnapshots(snapshot);
        this.neighbours = new NeighbourWatcher(path(config, identity.arpFile()), path(config, identity.ipv6Neighbours()),
                path(config, identity.leasesFile()));
        this.registryFile = identity.seenFile().isEmpty() ? null
                : new DeviceRegistryFile(config.dataDir().resolve(identity.seenFile()), registry);
        DeviceIdentifier identifier = new DeviceIdentifier(neighbours::current, registry, clock);
        this.boxName = new BoxNameStage(snapshots);
        this.identify = new IdentifyStage(snapshots, identifier);
        this.policy = new PolicyStage(snapshots, index, pauses, clock, listener, allows);
        this.answerCheck = new AnswerCheckStage(snapshots, index, clock, listener, allows);
        this.explainer = new PolicyExplainer(snapshots, index, identifier, pauses, clock, allows);
        // Lowered like every thread whose work can wait: its neighbour refresh (reading files,
        // running `ip -6 neigh` every 10 s) held the DNS core for 1 to 2 ms at normal priority.
        this.background = Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("hearth-policy"));
    }

    /**
     * Compiles the policy and starts its background work. Reads the neighbour tables and the saved
     * devices once before returning, so the first query already knows the network.
     *
     * @param identity the {@code identity:} section (IdentityConfig.DEFAULTS until HearthConfig has one)
     * @throws IllegalArgumentException listing every problem when the policy does not compile
     */
    public static PolicyRuntime start(LoadedConfig config, IdentityConfig identity, DomainIndexHolder index,
            Clock clock, BlockListener listener) {
        return start(config, new PolicyCompiler(c -> identity), identity, index, clock, listener);
    }

    /**
     * As above, with a compiler that knows where the config keeps its identity section and custom
     * categories: {@code new PolicyCompiler(HearthConfig::identity, HearthConfig::categories)}.
     */
    public static PolicyRuntime start(LoadedConfig config, PolicyCompiler compiler, IdentityConfig identity,
            DomainIndexHolder index, Clock clock, BlockListener listener) {
        PolicyCompiler.Result result = compiler.compile(config.config());
        if (!result.ok()) {
            throw new IllegalArgumentException(result.problems().stream().map(Problem::toString)
                    .collect(Collectors.joining(System.lineSeparator())));
        }
        PolicyRuntime runtime = new PolicyRuntime(config, identity, compiler, result.snapshot(), index, clock, listener);
        runtime.neighbours.refresh();
        if (runtime.registryFile != null) {
            runtime.registryFile.load();
            runtime.registryFile.start(runtime.background, SAVE_EVERY);
        }
        runtime.neighbours.start(runtime.background, identity.refresh());
        runtime.background.scheduleWithFixedDelay(() -> runtime.pauses.expire(clock.instant()), 1, 1, TimeUnit.MINUTES);
        return runtime;
    }

    /**
     * Applies a config another component loaded and checked (ConfigWatcher's reload, via Gateway.apply).
     *
     * @return the problems; empty when the new policy is in force, else the running one stays
     */
    public List<Problem> apply(LoadedConfig config) {
        PolicyCompiler.Result result = compiler.compile(config.config());
        if (result.ok()) {
            snapshots.publish(result.snapshot());
        }
        return result.problems();
    }

    public BoxNameStage boxNameStage() {
        return boxName;
    }

    public IdentifyStage identifyStage() {
        return identify;
    }

    public PolicyStage policyStage() {
        return policy;
    }

    public AnswerCheckStage answerCheckStage() {
        return answerCheck;
    }

    public PolicyExplainer explainer() {
        return explainer;
    }

    public PolicySnapshots snapshots() {
        return snapshots;
    }

    public PolicyCompiler compiler() {
        return compiler;
    }

    public Pauses pauses() {
        return pauses;
    }

    /** web: the temporary allows every stage and the explainer consult. */
    public TemporaryAllows allows() {
        return allows;
    }

    public DeviceRegistry seenDevices() {
        return registry;
    }

    /** Stops the background work and saves the seen devices one last time. */
    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (registryFile != null) {
            try {
                registryFile.saveAnyChange();
            } catch (IOException e) {
                log.warn("could not save seen devices on close: {}", e.getMessage());
            }
        }
    }

    private static Path path(LoadedConfig config, String written) {
        return written == null || written.isEmpty() ? null : config.resolve(written);
    }
}
