package org.hearth.gateway.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.cli.ServeCommand;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.ConfigWatcher;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder and the config file going bad under a running gateway: a folder nothing can be
 * written to, a corrupt log database at start, a config edited into invalid YAML. DNS keeps
 * serving through all of them.
 */
class DataFolderFaultIT {

    @TempDir
    Path dir;

    private ScriptedUpstream upstream;
    private Path data;

    @BeforeEach
    void upstream() throws Exception {
        upstream = ScriptedUpstream.start(q -> Reply.message(DnsReplies.addresses(q.message(), 300, "192.0.2.7")));
        data = dir.resolve("data");
        Files.createDirectories(data);
    }

    @AfterEach
    void stop() throws Exception {
        chattr("-i", data);
        upstream.close();
    }

    /**
     * CI runs as root, where chmod does not stop a write: the folder is made immutable with
     * {@code chattr +i} instead (skipped where chattr is not allowed, e.g. without CAP_LINUX_IMMUTABLE).
     */
    @Test
    void aFolderNothingCanBeWrittenToKeepsDnsServingAndCountsLostLogEntries() throws Exception {
        assumeTrue(chattr("+i", data), "skipped: chattr +i is not allowed here");
        assertThat(Files.isWritable(data.resolve("probe")) && canCreate(data.resolve("probe")))
                .as("chattr +i stops writes").isFalse();
        try (Gateway gateway = start(config(""))) {
            InetSocketAddress dns = gateway.dnsAddresses().get(0);
            for (int i = 0; i < 5; i++) {
                assertBlocked(dns, "blocked.example");
            }
            assertThat(answer(dns, "unlisted.example")).isEqualTo("192.0.2.7");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (gateway.blockLog().stats().lost() < 5 && System.nanoTime() < deadline) {
                try {
                    gateway.blockLog().flush(Duration.ofSeconds(1));
                } catch (java.util.concurrent.TimeoutException e) {
                    // the writer is retrying its file; the stats are what counts
                }
            }
            assertThat(gateway.blockLog().stats().lost() + gateway.blockLog().stats().dropped())
                    .as("the five blocked lookups are counted as lost: %s", gateway.blockLog().stats())
                    .isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aCorruptLogAtStartIsMovedAsideAndANewOneWritten() throws Exception {
        Files.write(data.resolve("hearth.db"), "SQLite format 3\0 but then nothing sensible".repeat(200).getBytes());
        try (Gateway gateway = start(config(""))) {
            InetSocketAddress dns = gateway.dnsAddresses().get(0);
            assertBlocked(dns, "blocked.example");
            gateway.blockLog().flush(Duration.ofSeconds(10));
            assertThat(gateway.blockLog().stats().written()).isEqualTo(1);
        }
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("hearth.db.corrupt-"));
        }
    }

    /**
     * Damage only SQLite's quick_check finds: the file opens, so the gateway's other users of it
     * (the unblock requests, the alerts' outbox) hold it when the log's writer, checking in the
     * background, moves it aside. They must follow to the new file, not write into the old one.
     */
    @Test
    void aLogTheBackgroundCheckFindsCorruptIsMovedAsideAndItsOtherUsersFollow() throws Exception {
        Path file = data.resolve("hearth.db");
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = sqlite.createStatement()) {
            statement.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)");
            statement.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                    + " INSERT INTO filler SELECT i, printf('row %d of a log that will not read back', i) FROM n");
        }
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(size / 2 / 4096 * 4096);
            raf.write("garbage over the middle of the file ".repeat(400).getBytes(), 0, 8192);
        }
        try (Gateway gateway = start(config(""))) {
            // The generation changes just after the rename: the other users follow once it has.
            LogDatabase database = LogDatabase.inDataDir(data, Clock.systemUTC());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (database.generation() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(movedAside()).as("the writer's check moved the file aside").isTrue();
            assertThat(gateway.requests().list(false, 10)).as("the requests' tables are made in the new file")
                    .isEmpty();
            InetSocketAddress dns = gateway.dnsAddresses().get(0);
            assertBlocked(dns, "blocked.example");
            gateway.blockLog().flush(Duration.ofSeconds(10));
            assertThat(gateway.blockLog().stats().written()).isEqualTo(1);
        }
    }

    private boolean movedAside() throws Exception {
        try (Stream<Path> files = Files.list(data)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("hearth.db.corrupt-"));
        }
    }

    @Test
    void configEditedIntoInvalidYamlWhileRunningIsRefusedByLineAndThePolicyStays() throws Exception {
        Path file = dir.resolve("hearth.yml");
        try (Gateway gateway = start(config(""))) {
            InetSocketAddress dns = gateway.dnsAddresses().get(0);
            List<List<String>> rejected = new CopyOnWriteArrayList<>();
            ConfigWatcher watcher = new ConfigWatcher(file, ServeCommand.CHECKS, new ConfigWatcher.Listener() {
                @Override
                public void reloaded(LoadedConfig next) {
                    gateway.apply(next);
                }

                @Override
                public void rejected(List<String> problems) {
                    rejected.add(problems);
                }
            });
            // An editor saved half a line: the flow sequence on line 8 is never closed.
            Files.writeString(file, config("").replace("deny: [blocked.example]", "deny: [blocked.example, other."));
            watcher.poll();
            watcher.poll();
            assertThat(rejected).as("rejected once").hasSize(1);
            assertThat(String.join("\n", rejected.get(0))).matches("(?s)hearth\\.yml:\\d+.*");
            assertBlocked(dns, "blocked.example");
            assertThat(answer(dns, "unlisted.example")).isEqualTo("192.0.2.7");
            watcher.close();
        }
    }

    private String config(String extra) {
        return """
                dataDir: %s
                dns: {listen: ["127.0.0.1:0"]}
                upstreams: ["127.0.0.1:%d"]
                profiles:
                  kids:
                    deny: [blocked.example]
                defaultProfile: kids
                %s""".formatted(data, upstream.address().getPort(), extra);
    }

    private Gateway start(String yaml) throws Exception {
        Path file = dir.resolve("hearth.yml");
        // web: the child's pages would bind port 80; not wanted here
        Files.writeString(file, yaml.contains("web:") ? yaml : yaml + "\nweb: {listen: []}\n");
        Gateway gateway = Gateway.start(ConfigLoader.load(file, ServeCommand.CHECKS),
                com.github.benmanes.caffeine.cache.Ticker.systemTicker());
        gateway.lists().ready().get(30, TimeUnit.SECONDS);
        return gateway;
    }

    private static void assertBlocked(InetSocketAddress dns, String name) throws Exception {
        String out = Dig.dig(dns, "+tries=1", "+time=3", name, "A").output();
        assertThat(out).doesNotContain("192.0.2.7").containsAnyOf("0.0.0.0", "status: NXDOMAIN");
    }

    private static String answer(InetSocketAddress dns, String name) throws Exception {
        return Dig.dig(dns, "+short", "+tries=1", "+time=3", name, "A").output().strip();
    }

    private static boolean canCreate(Path file) {
        try {
            Files.writeString(file, "x");
            Files.delete(file);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean chattr(String flag, Path path) throws Exception {
        try {
            Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
