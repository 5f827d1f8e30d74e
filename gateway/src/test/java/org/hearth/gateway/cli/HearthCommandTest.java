package org.hearth.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import picocli.CommandLine;

class HearthCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopRunner() {
        runner.shutdownNow();
    }

    private int run(String... args) {
        CommandLine cli = HearthCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("hearth.yml");
        // No admin page unless the test asks for one: tests never bind the default port 8080.
        String text = yaml.contains("admin:") ? yaml : yaml + "\nadmin: {listen: []}\n";
        // web: nor the child's pages, which would bind port 80
        Files.writeString(file, text.contains("web:") ? text : text + "web: {listen: []}\n");
        return file;
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("Usage: hearth", "serve", "check", "help", "--version");
    }

    @Test
    void versionNamesHearthAndJava() {
        assertThat(run("--version")).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).startsWith("hearth ").contains("Java 17");
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertThat(run()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Usage: hearth");
        assertThat(run("serve", "--colour")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--colour'");
    }

    @Test
    void invalidConfigExitsTwoWithEveryProblemAndNoStackTrace() throws IOException {
        Path file = config("""
                dns:
                  listen: ["127.0.0.1:99999"]
                upstreams: ["10.0.0.1"]
                lists:
                  - name: adult
                    category: adults
                    source: lists/adult.txt
                """);
        int code = new CommandLine(new HearthCommand()).setErr(new PrintWriter(err, true))
                .setOut(new PrintWriter(out, true)).execute("serve", "--config", file.toString());
        assertThat(code).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).containsExactly(
                "hearth.yml:2: dns.listen[0]: \"127.0.0.1:99999\" is not host:port (port 0-65535)",
                "hearth.yml:6: lists[0].category: \"adults\" is not a category; use one of adult, gambling, drugs,"
                        + " violence, weapons, hate, self-harm, dating, chat, social, games, streaming, proxy-vpn,"
                        + " dns-bypass, malware, phishing, scam, ads-trackers, piracy, crypto-mining, or declare it"
                        + " under categories:");
    }

    @Test
    void missingConfigFileOrNoUpstreamIsAConfigError() throws IOException {
        assertThat(run("serve", "--config", dir.resolve("nope.yml").toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).startsWith("nope.yml: no such file");
        assertThat(run("serve", "--config", config("dns:\n  listen: [\"127.0.0.1:0\"]\n").toString()))
                .isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("hearth.yml:1: upstreams: is empty; hearth needs at least one DNS server");
    }

    @Test
    void serveAnswersUntilAskedToStopThenExitsZero() throws Exception {
        // Nothing listens on the discard port: the answer is a quick SERVFAIL after the short deadline.
        Path file = config("dns:\n  listen: [\"127.0.0.1:0\"]\nupstreams: [\"127.0.0.1:9\"]\n"
                + "upstream:\n  timeout: 100ms\n  deadline: 300ms\n");
        ServeCommand serve = new ServeCommand(false);
        CommandLine cli = new CommandLine(serve).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        Path data = dir.resolve("elsewhere");
        Future<Integer> exit = runner.submit(() -> cli.execute("--config", file.toString(), "--data", data.toString()));
        List<InetSocketAddress> bound = serve.started.get(20, TimeUnit.SECONDS);
        assertThat(bound).singleElement().satisfies(a -> assertThat(a.getPort()).isPositive());
        assertThat(out.toString()).contains("hearth: answering DNS on 127.0.0.1:" + bound.get(0).getPort());
        assertThat(serve.effective.dataDir()).as("--data beside --config wins").isEqualTo(data);

        SimpleResolver resolver = new SimpleResolver(bound.get(0).getAddress());
        resolver.setPort(bound.get(0).getPort());
        resolver.setTimeout(Duration.ofSeconds(5));
        Message query = Message.newQuery(Record.newRecord(Name.fromString("example.org."), Type.A, 1));
        Message answer = resolver.send(query);
        assertThat(answer.getHeader().getID()).isEqualTo(query.getHeader().getID());
        assertThat(answer.getRcode()).isEqualTo(org.xbill.DNS.Rcode.SERVFAIL);

        serve.requestStop();
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("hearth: stopped");
        try (DatagramSocket again = new DatagramSocket(bound.get(0))) {
            assertThat(again.isBound()).as("the port was released").isTrue();
        }
    }

    @Test
    void portInUseExitsOneNamingTheAddress() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Path file = config("dns:\n  listen: [\"" + address + "\"]\nupstreams: [\"127.0.0.1:9\"]\n");
            assertThat(run("serve", "--config", file.toString())).isEqualTo(ExitCode.RUNTIME);
            assertThat(err.toString()).startsWith("hearth serve: cannot start: ").contains(address)
                    .doesNotContain("\tat ");
        }
    }

    /** Stands for another package's subcommand (lists, log) that lets failures propagate. */
    @CommandLine.Command(name = "failing")
    static final class FailingCommand implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Parameters
        String what;

        @Override
        public Integer call() throws Exception {
            if (what.equals("config")) {
                throw new org.hearth.gateway.config.ConfigException(List.of("hearth.yml:3: lists[0]: bad"));
            }
            throw new IOException("lists/adult.txt: permission denied");
        }
    }

    @Test
    void failuresOfAnySubcommandMapToExitCodesWithoutStackTraces() {
        CommandLine cli = HearthCommand.commandLine().addSubcommand(new FailingCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("failing", "config")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).isEqualTo("hearth.yml:3: lists[0]: bad" + System.lineSeparator());
        assertThat(cli.execute("failing", "io")).isEqualTo(ExitCode.RUNTIME);
        assertThat(err.toString()).endsWith("hearth failing: lists/adult.txt: permission denied"
                + System.lineSeparator()).doesNotContain("\tat ");
    }

    @Test
    void checkSaysOkOrListsTheProblems() throws IOException {
        Path good = config("upstreams: [\"10.0.0.1\"]\n");
        assertThat(run("check", "--config", good.toString())).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains(good + ": ok");
        Path bad = config("upstreams: []\nlists:\n  - name: x\n");
        assertThat(run("check", "--config", bad.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString().lines()).containsExactly(
                "hearth.yml:1: upstreams: is empty; hearth needs at least one DNS server to forward to,"
                        + " e.g. upstreams: [\"192.168.1.1\"]",
                "hearth.yml:3: lists[0].category: is required (one of adult, gambling, drugs, violence, weapons,"
                        + " hate, self-harm, dating, chat, social, games, streaming, proxy-vpn, dns-bypass, malware,"
                        + " phishing, scam, ads-trackers, piracy, crypto-mining, or an id declared in categories:)",
                "hearth.yml:3: lists[0].source: is required (a file path such as lists/adult.txt.gz,"
                        + " or an http(s) URL)");
    }

    @Test
    void dataFolderThatCannotBeMadeIsARuntimeFailure() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        assertThat(run("serve", "--data", file.resolve("sub").toString())).isEqualTo(ExitCode.RUNTIME);
        assertThat(err.toString()).startsWith("hearth serve: ").contains("a-file");
    }

    @Test
    void dataFolderWithAnExistingConfigIsUsed() throws Exception {
        Files.writeString(dir.resolve("hearth.yml"), "upstreams: []\n");
        assertThat(run("serve", "--data", dir.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(out.toString()).contains("hearth: using config " + dir.resolve("hearth.yml"));
        assertThat(err.toString()).contains("upstreams: is empty");
    }
}
