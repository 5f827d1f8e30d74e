package org.hearth.gateway.log;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth log}: read the blocked-lookup log from a shell, also while the gateway runs (the
 * database is opened read-only; WAL lets readers and the writer work at once).
 */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Read the blocked-lookup log (hearth.db in the data folder).",
        subcommands = {LogCommand.Tail.class, LogCommand.Query.class})
public final class LogCommand implements Callable<Integer> {

    /** Exit code for a config or database that cannot be read. */
    static final int UNUSABLE = 2;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Options every subcommand takes. */
    static class Common {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "hearth.yml")
        Path config;

        Clock clock = Clock.systemDefaultZone();

        LogDatabase database() throws ConfigException {
            LoadedConfig loaded = ConfigLoader.load(config);
            return LogDatabase.inDataDir(loaded.dataDir(), clock);
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = "Print the latest blocked lookups, then each new one as it is written, until interrupted.")
    static final class Tail extends Common implements Callable<Integer> {

        @Option(names = {"-n", "--lines"}, defaultValue = "10", description = "entries shown at start (default 10)")
        int lines;

        @Option(names = "--no-follow", description = "print the latest entries and exit")
        boolean noFollow;

        @Option(names = "--poll-ms", defaultValue = "500", hidden = true)
        long pollMillis;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            try {
                return new LogTail(new LogQueries(database()), clock.getZone(), spec.commandLine().getOut())
                        .run(lines, !noFollow, pollMillis);
            } catch (ConfigException | SQLException e) {
                spec.commandLine().getErr().println("hearth log tail: " + e.getMessage());
                return UNUSABLE;
            }
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Print blocked lookups matching the filters, newest first.")
    static final class Query extends Common implements Callable<Integer> {

        @Option(names = "--device", paramLabel = "NAME", description = "a device's name or id")
        String device;

        @Option(names = "--category", paramLabel = "C", description = "a category id, e.g. adult")
        String category;

        @Option(names = "--profile", paramLabel = "P", description = "a profile name")
        String profile;

        @Option(names = "--name", paramLabel = "TEXT", description = "names containing TEXT")
        String name;

        @Option(names = "--since", paramLabel = "WHEN", description = "2026-11-01, 24h, 7d or an instant")
        String since;

        @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "at most N entries (100)")
        int limit;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            try {
                LogQueries queries = new LogQueries(database());
                LogFilter filter = new LogFilter(null, profile, category, name,
                        since == null ? null : TimeSpec.parse(since, clock), null);
                if (device != null) {
                    var id = queries.findDevice(device);
                    if (id.isEmpty()) {
                        err.println("hearth log query: no device called \"" + device + "\" in the log");
                        return 1;
                    }
                    filter = filter.withDevice(id.get());
                }
                // Pages of at most MAX_PAGE, so a large --limit does not hold everything in memory.
                int left = Math.max(0, limit);
                PageCursor cursor = null;
                for (int page = 0; left > 0 && page < 1_000_000; page++) {
                    LogPage result = queries.blocked(filter, cursor, Math.min(left, LogQueries.MAX_PAGE));
                    result.entries().forEach(e -> out.println(EntryLine.format(e, clock.getZone())));
                    left -= result.entries().size();
                    cursor = result.next();
                    if (cursor == null) {
                        break;
                    }
                }
                out.flush();
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("hearth log query: " + e.getMessage());
                return 1;
            } catch (ConfigException | SQLException e) {
                err.println("hearth log query: " + e.getMessage());
                return UNUSABLE;
            }
        }
    }
}
