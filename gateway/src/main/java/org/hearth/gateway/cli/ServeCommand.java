package org.hearth.gateway.cli;

import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.app.GatewayChecks;
import org.hearth.gateway.config.ConfigCheck;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.ConfigWatcher;
import org.hearth.gateway.config.ConfigMapper;
import org.hearth.gateway.config.DataFolder;
import org.hearth.gateway.config.DefaultConfig;
import org.hearth.gateway.config.HostPort;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.config.ResolvConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hearth serve}: load and check the config, run the gateway until SIGTERM or SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the DNS gateway until stopped (SIGTERM or Ctrl-C).",
            "Without --config, uses hearth.yml in the data folder, creating a commented one on first run."})
public final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    public static final List<ConfigCheck> CHECKS = GatewayChecks.ALL;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The config file (hearth.yml).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = {"The data folder. Default: $HEARTH_DATA, or"
            + " /var/lib/hearth for root, else $XDG_DATA_HOME/hearth or ~/.local/share/hearth."})
    String data;

    private final boolean handleSignals;
    private final StopSignal stop = new StopSignal();
    /** Completes with the bound DNS addresses once the gateway answers; for tests and embedding. */
    final CompletableFuture<List<InetSocketAddress>> started = new CompletableFuture<>();
    /** The config the gateway was started with, once started. */
    volatile LoadedConfig effective;

    public ServeCommand() {
        this(true);
    }

    /** Tests run serve in-process without taking over the JVM's SIGTERM/SIGINT. */
    ServeCommand(boolean handleSignals) {
        this.handleSignals = handleSignals;
    }

    /**
     * Netty's leak detector, on by default, records where one buffer in 128 was allocated, a stack
     * walk each time: about 1 % of the event loop's time with cached answers at saturation (perf,
     * gateway/PERF.md), and a Pi's core walks stacks slower. The tests track every buffer instead
     * (paranoid, set in the POM), so a leak fails the build; the daemon runs without the detector
     * unless {@code -Dio.netty.leakDetection.level} asks for it.
     */
    static void leakDetectionOffUnlessAsked() {
        // Both the property and its older spelling, as Netty reads them.
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private static void logEffective(LoadedConfig loaded) {
        try {
            LOG.info("effective config from {}: {}", loaded.file(),
                    ConfigMapper.json().writeValueAsString(loaded.config().withoutSecrets())); // no secrets or hashes
        } catch (IOException e) {
            LOG.warn("effective config from {} could not be written to the log: {}", loaded.file(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadedConfig loaded;
        try {
            loaded = load(out, err);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.flush();
            started.completeExceptionally(e);
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("hearth serve: " + HearthCommand.describe(e));
            err.flush();
            started.completeExceptionally(e);
            return ExitCode.RUNTIME;
        }
        if (handleSignals) {
            stop.install();
        }
        leakDetectionOffUnlessAsked();
        Gateway gateway;
        try {
            gateway = Gateway.start(loaded);
        } catch (Exception e) {
            stop.uninstall();
            logEffective(loaded);
            LOG.debug("gateway start failed", e);
            err.println("hearth serve: cannot start: " + HearthCommand.describe(e));
            err.flush();
            started.completeExceptionally(e);
            return ExitCode.RUNTIME;
        }
        // Logged once DNS answers: building Jackson's serializers for the whole config took 50 ms of a
        // Pi's core before the first answer.
        logEffective(loaded);
        // Edits on disk (by hand or by another tool) apply within seconds; a bad edit is refused and
        // the running policy stays.
        ConfigWatcher watcher = new ConfigWatcher(loaded.file(), CHECKS, new ConfigWatcher.Listener() {
            @Override
            public void reloaded(LoadedConfig next) {
                gateway.apply(data == null ? next : withDataDir(next, DataFolder.choose(data)));
            }

            @Override
            public void rejected(List<String> problems) {
                // The watcher has logged each problem; the running config simply stays.
            }
        }).start();
        // A backstop for exits that bypass the signal handlers (SIGHUP, System.exit elsewhere): still close.
        Thread hook = new Thread(() -> {
            watcher.close();
            gateway.close();
        }, "hearth-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            List<InetSocketAddress> addresses = gateway.dnsAddresses();
            out.println("hearth: answering DNS on " + addresses.stream().map(HostPort::format)
                    .collect(Collectors.joining(", ")) + " (config " + loaded.file() + ")");
            out.flush();
            effective = loaded;
            started.complete(addresses);
            String why = stop.await();
            LOG.info("{}: stopping", why);
        } finally {
            watcher.close();
            gateway.close();
            stop.uninstall();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down and runs the hook itself; close() is idempotent.
            }
        }
        out.println("hearth: stopped");
        out.flush();
        return ExitCode.OK;
    }

    /** Asks a running serve to stop, as SIGTERM would. */
    void requestStop() {
        stop.request("stop requested");
    }

    private LoadedConfig load(PrintWriter out, PrintWriter err) throws ConfigException, IOException {
        Path file = config;
        if (file == null) {
            Path dataDir = DataFolder.choose(data);
            DefaultConfig.Outcome outcome = DefaultConfig.createIfMissing(dataDir, ResolvConf.SYSTEM,
                    ResolvConf::isLocalAddress);
            out.println(outcome.created()
                    ? "hearth: created a default config at " + outcome.file() + " (edit it to change settings)"
                    : "hearth: using config " + outcome.file());
            out.flush();
            outcome.notes().forEach(n -> err.println("hearth: " + n));
            err.flush();
            file = outcome.file();
        }
        LoadedConfig loaded = ConfigLoader.load(file, CHECKS);
        if (config != null && data != null) {
            loaded = withDataDir(loaded, DataFolder.choose(data));
        }
        return loaded;
    }

    /** {@code --data} given beside {@code --config} wins over the file's dataDir. */
    private static LoadedConfig withDataDir(LoadedConfig loaded, Path dataDir) {
        return new LoadedConfig(loaded.config().withDataDir(dataDir.toString()), loaded.file());
    }
}
