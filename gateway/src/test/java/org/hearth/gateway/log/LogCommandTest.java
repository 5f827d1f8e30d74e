package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.log.Entries.WAIT;
import static org.hearth.gateway.log.Entries.blocked;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LogCommandTest {

    @TempDir
    Path dir;

    private Path config;
    private LogDatabase database;
    private final Clock clock = Clock.system(ZoneOffset.UTC);
    private final Instant now = Instant.now();

    @BeforeEach
    void gatewayWithALog() throws Exception {
        config = dir.resolve("hearth.yml");
        Files.writeString(config, "dataDir: data\n");
        database = LogDatabase.inDataDir(dir.resolve("data"), clock);
        try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
            log.offer(new BlockedLookup(now.minus(Duration.ofDays(3)), "t1", "Kid tablet", "192.168.1.23", "kids",
                    "old-casino.example", 1, List.of("gambling"), BlockReason.LIST, "ut1-gambling", "0.0.0.0"));
            log.offer(new BlockedLookup(now.minusSeconds(60), "t1", "Kid tablet", "192.168.1.23", "kids",
                    "casino.example", 28, List.of("gambling"), BlockReason.LIST, "ut1-gambling", "::"));
            log.offer(new BlockedLookup(now.minusSeconds(30), "l1", "Lab PC 4", "10.1.2.4", "school",
                    "chat.example", 1, List.of("chat"), BlockReason.SCHEDULE, "lessons", "NXDOMAIN"));
            log.flush(WAIT);
        }
    }

    @Test
    void queryByDeviceNamePrintsOneLinePerEntryWithTheDeviceName() {
        Run run = run("query", "--config", config.toString(), "--device", "kid tablet");
        assertThat(run.exit).isZero();
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().get(0)).contains("Kid tablet (192.168.1.23)", "kids", "casino.example AAAA",
                "gambling", "list ut1-gambling", "-> ::");
        assertThat(run.lines().get(1)).contains("old-casino.example A ");
    }

    @Test
    void queryBySinceAndCategoryNarrowsTheEntries() {
        assertThat(run("query", "--config", config.toString(), "--since", "24h").lines()).hasSize(2);
        assertThat(run("query", "--config", config.toString(), "--category", "chat").lines()).singleElement()
                .asString().contains("Lab PC 4", "chat.example", "schedule lessons", "-> NXDOMAIN");
        assertThat(run("query", "--config", config.toString(), "--limit", "1").lines()).hasSize(1);
    }

    @Test
    void unknownDeviceOrBadTimeIsAClearError() {
        Run device = run("query", "--config", config.toString(), "--device", "Nobody");
        assertThat(device.exit).isEqualTo(1);
        assertThat(device.err.toString()).contains("no device called \"Nobody\"");
        Run since = run("query", "--config", config.toString(), "--since", "last tuesday");
        assertThat(since.exit).isEqualTo(1);
        assertThat(since.err.toString()).contains("\"last tuesday\" is not a time");
        Run noConfig = run("query", "--config", dir.resolve("missing.yml").toString());
        assertThat(noConfig.exit).isEqualTo(LogCommand.UNUSABLE);
        assertThat(noConfig.err.toString()).contains("missing.yml");
    }

    @Test
    void tailPrintsTheLatestEntriesThenFollowsNewOnesWhileTheGatewayWrites() throws Exception {
        assertThat(run("tail", "--config", config.toString(), "-n", "2", "--no-follow").lines())
                .hasSize(2).last().asString().contains("chat.example");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new LogCommand()).setOut(new PrintWriter(out, true));
        Thread tail = new Thread(() -> cli.execute("tail", "--config", config.toString(), "-n", "1",
                "--poll-ms", "20"));
        tail.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // The new entry is written only once tail has printed the latest old one: written earlier,
        // it would itself be the latest entry tail starts from, and nothing would be followed.
        while (!out.toString().contains("chat.example") && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling for output, bounded by the deadline; nothing timed is asserted
        }
        try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
            log.offer(blocked(Instant.now(), "t1", "followed.example", "adult"));
            log.flush(WAIT);
            while (!out.toString().contains("followed.example") && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling for output, bounded by the deadline; nothing timed is asserted
            }
        } finally {
            tail.interrupt();
            tail.join(10_000);
        }
        assertThat(tail.isAlive()).isFalse();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("chat.example");
        assertThat(lines.get(1)).contains("Name of t1", "followed.example");
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new LogCommand()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, out, err);
    }

    private record Run(int exit, StringWriter out, StringWriter err) {
        List<String> lines() {
            return out.toString().lines().toList();
        }
    }
}
