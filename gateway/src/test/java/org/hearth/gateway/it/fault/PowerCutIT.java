package org.hearth.gateway.it.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.ConfigWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut, as near as a test can get: a child JVM writes the config, the list index and the
 * blocked-lookup log in a loop, and is killed with SIGKILL (destroyForcibly) at a random moment
 * 10-300 ms into its work. After each kill, every file must be whole: the config loads and is the
 * old or the new text, never a mix; the index opens and answers as the old or the new list; the
 * log passes SQLite's integrity check and lost no row a finished batch committed.
 *
 * <p>SIGKILL loses what the process had not yet handed to the kernel, which is what the atomic
 * rename and SQLite's WAL must survive; it does not lose what the kernel had not yet written to
 * disk, which only a real power cut (or a VM snapshot) tests. Rounds: {@code -Dhearth.powercut.rounds}
 * (50 by default, and every one of them must run); {@code -Dhearth.powercut.seconds} (480 by
 * default) only guards against a hang: at about a second a round, 50 take about a minute.
 *
 * <p>A round used to cost mostly a child JVM's start (about 1.5 s). Now the next round's child
 * starts while this round runs: it warms up in a folder of its own and waits for "go" before it
 * touches the shared files, so a round waits only for the writers' first writes. Each child also
 * starts from a class-data archive of the whole child (AppCDS, recorded once per run by a
 * training child that exits normally once ready; {@link ChildJvm}), with C1 only and the serial
 * collector, which leaves less to compete with the round in progress.
 */
class PowerCutIT {

    private static final int ROUNDS = Integer.getInteger("hearth.powercut.rounds", 50);
    private static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("hearth.powercut.seconds", 480));

    @TempDir
    Path dir;

    /** The child's java command up to the main class: flags, the archive if one was made, the classpath. */
    private List<String> childJava;

    @Test
    void everyFileIsOldOrNewAfterAKillAtARandomMoment() throws Exception {
        childJava = ChildJvm.prepare(dir.resolve("cds"), PowerCutChild.class, PowerCutChild.CONFIG_A);
        ConfigWriter.write(dir.resolve("hearth.yml"), PowerCutChild.CONFIG_A, List.of());
        long seed = Long.getLong("hearth.powercut.seed", System.nanoTime());
        Random random = new Random(seed);
        long start = System.nanoTime();
        long rows = 0;
        int rounds = 0;
        int sawNewConfig = 0;
        long readyNanos = 0;
        String previous = PowerCutChild.CONFIG_A;
        while (rounds < ROUNDS && System.nanoTime() - start < BUDGET_NANOS) {
            int delayMs = 10 + random.nextInt(291);
            readyNanos += killDuringWork(delayMs, "seed " + seed + " round " + rounds);
            String what = "seed " + seed + ", round " + rounds + ", killed " + delayMs + " ms after ready";

            String text = Files.readString(dir.resolve("hearth.yml"));
            assertThat(text).as(what).isIn(PowerCutChild.CONFIG_A, PowerCutChild.CONFIG_B);
            ConfigLoader.load(dir.resolve("hearth.yml")); // throws if it does not load
            sawNewConfig += text.equals(previous) ? 0 : 1;
            previous = text;

            checkIndex(what);

            long now = checkLog(what);
            assertThat(now).as(what + ": committed rows are never lost").isGreaterThanOrEqualTo(rows);
            rows = now;
            rounds++;
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the log was never found corrupt and moved aside").noneMatch(n -> n.contains(".corrupt-"));
        }
        System.out.printf("PowerCutIT: %d rounds in %d ms (seed %d; child ready after %d ms on average after go), %d log rows,"
                + " config changed in %d rounds%n", rounds, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), seed,
                rounds == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(readyNanos / rounds), rows, sawNewConfig);
        assertThat(rounds).as("every round ran within the %d s guard", TimeUnit.NANOSECONDS.toSeconds(BUDGET_NANOS))
                .isEqualTo(ROUNDS);
        assertThat(rows).as("the child logged something").isPositive();
    }

    /** A child JVM and the lines it prints, read one at a time. */
    private record Child(Process process, BufferedReader out) {
        String line(long seconds) throws Exception {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(seconds, TimeUnit.SECONDS);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The children of the next rounds, warming up (each in a folder of its own) while this round
     * runs; two, since a warm-up takes longer than a round.
     */
    private final java.util.ArrayDeque<Child> spares = new java.util.ArrayDeque<>();
    private static final int SPARES = 2;
    private int spawned;

    private Child spawn() throws Exception {
        List<String> command = new java.util.ArrayList<>(childJava);
        command.addAll(List.of(dir.toString(), "--warm-then-wait", dir.resolve("cds").resolve("warm-" + spawned++)
                .toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new Child(process, new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)));
    }

    /**
     * Takes the oldest warm child (starting the spares that follow it), lets it start on the shared
     * files, waits until every writer has written once, then kills it after delayMs.
     *
     * @return nanoseconds from "go" to "ready"
     */
    private long killDuringWork(int delayMs, String what) throws Exception {
        while (spares.size() < SPARES + 1) {
            spares.add(spawn());
        }
        Child child = spares.poll();
        try {
            assertThat(child.line(60)).as(what + ": the child warmed up").isEqualTo("warm");
            long started = System.nanoTime();
            child.process().getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            child.process().getOutputStream().flush();
            assertThat(child.line(30)).as(what + ": the child got to work (exit %s)",
                    child.process().isAlive() ? "-" : child.process().exitValue()).isEqualTo("ready");
            long readyAfter = System.nanoTime() - started;
            Thread.sleep(delayMs); // the random moment of the cut; nothing is timed or asserted on it
            assertThat(child.process().isAlive()).as(what + ": the child died on its own").isTrue();
            return readyAfter;
        } finally {
            child.kill();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void killTheSpareChildren() throws InterruptedException {
        for (Child spare : spares) {
            spare.kill();
        }
    }

    /** The index opens (its header and sizes check out) and answers as exactly one of the two lists. */
    private void checkIndex(String what) throws Exception {
        MappedDomainIndex index = MappedDomainIndex.open(dir.resolve("lists.idx"));
        assertThat(index.meta()).as(what).isIn("list a", "list b");
        char list = index.meta().equals("list a") ? 'a' : 'b';
        char other = list == 'a' ? 'b' : 'a';
        assertThat(index.size()).as(what).isEqualTo(PowerCutChild.LIST_SIZE);
        for (int n = 0; n < PowerCutChild.LIST_SIZE; n += 997) {
            assertThat(index.lookup(PowerCutChild.listed(list, n)).matched()).as(what).isTrue();
            assertThat(index.lookup(PowerCutChild.listed(other, n)).matched()).as(what).isFalse();
        }
    }

    /** Opens the log as the gateway would after a crash (recovering the WAL) and checks it whole. */
    private long checkLog(String what) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db"));
                Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                assertThat(r.getString(1)).as(what).isEqualTo("ok");
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM blocked")) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
