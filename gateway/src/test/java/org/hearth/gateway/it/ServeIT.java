package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.NsdServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The whole product as a user runs it: the shaded {@code target/hearth.jar} started with
 * {@code java -jar hearth.jar serve --config FILE} as a child process, forwarding to a real NSD, asked
 * by the real {@code dig} from two loopback addresses, then read back with {@code log query} and
 * {@code lists check} from other processes, and stopped with SIGTERM.
 */
class ServeIT {

    private static final Duration START_WITHIN = Duration.ofSeconds(30);
    private static final Duration COMMAND_WITHIN = Duration.ofSeconds(30);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String KID = "127.0.0.2";
    private static final String PARENT = "127.0.0.3";
    /** In the NSD fixture zone (192.0.2.25) and in the adult list below. */
    private static final String BLOCKED = "mail.hearth.test";

    @TempDir
    Path dir;
    private NsdServer nsd;
    private Process serve;

    @BeforeEach
    void startNsd() throws Exception {
        Files.createDirectories(dir.resolve("nsd"));
        nsd = NsdServer.start(dir.resolve("nsd"));
    }

    @AfterEach
    void stop() throws Exception {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    /** The jar the package phase shaded, found from the module folder failsafe runs in. */
    private static Path jar() {
        Path jar = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/hearth.jar");
        assertThat(jar).as("run by failsafe after package: mvn -pl gateway -am verify").exists();
        return jar;
    }

    private static List<String> hearth(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** A short command (log query, lists check): its exit code and everything it printed. */
    private record Run(int exitCode, String out, String err) {}

    private Run run(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(hearth(args)).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(COMMAND_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", args) + ": no exit within " + COMMAND_WITHIN);
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Path writeConfig(int port) throws IOException {
        // A few lines as the UT1 adult lists have them, plus a name the fixture zone really serves.
        Files.writeString(dir.resolve("adult.txt"), String.join("\n",
                "# adult (mixed), a sample in the UT1 format", "10putes.com", "2and2.net", BLOCKED, ""),
                StandardCharsets.UTF_8);
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, """
                dns:
                  listen: ["127.0.0.1:%d"]
                admin:
                  listen: ["127.0.0.1:0"]
                web:
                  listen: ["127.0.0.1:0"]
                upstreams: ["%s"]
                lists:
                  - {name: ut1-adult, category: adult, source: adult.txt}
                profiles:
                  kids:
                    block: [adult]
                  open:
                    block: []
                devices:
                  - {name: Kid tablet, match: ["%s"], profile: kids}
                  - {name: Parent laptop, match: ["%s"], profile: open}
                defaultProfile: open
                identity:
                  arpFile: ""
                  ipv6Neighbours: ""
                """.formatted(port, nsd.hostAndPort(), KID, PARENT));
        return file;
    }

    private Process startServe(Path config) throws IOException {
        return new ProcessBuilder(hearth("serve", "--config", config.toString())).directory(dir.toFile())
                .redirectOutput(dir.resolve("serve.out").toFile())
                .redirectError(dir.resolve("serve.err").toFile())
                .start();
    }

    /** Waits, bounded, until {@code done} holds; false when the time ran out. */
    private static boolean await(Duration within, Check done) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.holds()) {
                return true;
            }
            Thread.sleep(POLL.toMillis()); // polling another process; nothing here is timed
        }
        return done.holds();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private String serveOutput() throws IOException {
        return Files.readString(dir.resolve("serve.out")) + Files.readString(dir.resolve("serve.err"));
    }

    private static Dig.Result dig(InetSocketAddress server, String from, String name, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("-b", from, name, "A", "+tries=1", "+time=3"));
        args.addAll(List.of(more));
        Dig.Result result = Dig.dig(server, args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }

    @Test
    void servesFiltersLogsAndStopsOnSigterm() throws Exception {
        int port = 0;
        Path written = null;
        // The free port is free when picked; another program (or an ephemeral socket) may take it
        // before the new process binds it. Only that is retried, with another port.
        for (int attempt = 0; attempt < 3; attempt++) {
            port = NsdServer.freePort();
            written = writeConfig(port);
            serve = startServe(written);
            String started = "hearth: answering DNS on 127.0.0.1:" + port;
            assertThat(await(START_WITHIN, () -> !serve.isAlive()
                    || Files.readString(dir.resolve("serve.out")).contains(started))).as("serve started").isTrue();
            if (serve.isAlive() || !serveOutput().contains("Address already in use")) {
                break;
            }
        }
        assertThat(serve.isAlive()).as(serveOutput()).isTrue();
        Path config = written;
        InetSocketAddress gateway = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

        // A normal name: what NSD answers, through the gateway.
        List<String> expected = new ArrayList<>();
        for (var record : nsd.ask("www.hearth.test.", Type.A).getSection(Section.ANSWER)) {
            expected.add("www.hearth.test. IN A " + ((ARecord) record).getAddress().getHostAddress());
        }
        assertThat(expected).isNotEmpty();
        assertThat(dig(gateway, KID, "www.hearth.test", "+noall", "+answer").recordsWithoutTtl())
                .isEqualTo(expected.stream().sorted().toList());

        // The list is compiled in the background after start: blocking reaches the kid within seconds.
        Predicate<String> blocked = out -> out.contains("status: NOERROR") && out.contains("EDE: 15 (Blocked)")
                && out.matches("(?s).*mail\\.hearth\\.test\\.\\s+\\d+\\s+IN\\s+A\\s+0\\.0\\.0\\.0.*");
        assertThat(await(START_WITHIN, () -> blocked.test(dig(gateway, KID, BLOCKED).output())))
                .as("blocked for the kid: " + dig(gateway, KID, BLOCKED).output()).isTrue();
        assertThat(dig(gateway, PARENT, BLOCKED, "+noall", "+answer").recordsWithoutTtl())
                .containsExactly("mail.hearth.test. IN A 192.0.2.25");

        // The log is written by a batching writer: the line appears within a batch interval or two.
        String[] lastQuery = {""};
        assertThat(await(COMMAND_WITHIN, () -> {
            Run query = run("log", "query", "--config", config.toString());
            lastQuery[0] = query.exitCode() + ": " + query.out() + query.err();
            return query.exitCode() == 0 && query.out().lines()
                    .anyMatch(line -> line.contains("Kid tablet") && line.contains(BLOCKED));
        })).as(lastQuery[0]).isTrue();
        assertThat(lastQuery[0]).doesNotContain("Parent laptop");

        Run check = run("lists", "check", BLOCKED, "--config", config.toString(), "--device", KID);
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains(BLOCKED + ": in adult")
                .containsPattern("for 127\\.0\\.0\\.2 \\(device Kid tablet, profile kids\\): blocked");

        serve.destroy(); // SIGTERM
        assertThat(serve.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)).as(serveOutput()).isTrue();
        assertThat(serve.exitValue()).as(serveOutput()).isZero();
        assertThat(Files.readString(dir.resolve("serve.out"))).contains("hearth: stopped");
    }

    @Test
    void configWithAnErrorExitsTwoNamingTheLineAndKeyWithoutAStackTrace() throws Exception {
        Path config = dir.resolve("hearth.yml");
        Files.writeString(config, """
                dns:
                  listen: ["127.0.0.1:%d"]
                  lisen: ["127.0.0.1:53"]
                upstreams: ["%s"]
                """.formatted(NsdServer.freePort(), nsd.hostAndPort()));
        Run run = run("serve", "--config", config.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("hearth.yml:3: dns.lisen")
                .doesNotContain("Exception").doesNotContainPattern("\\n\\s+at [\\w.$]+\\(");
    }
}
