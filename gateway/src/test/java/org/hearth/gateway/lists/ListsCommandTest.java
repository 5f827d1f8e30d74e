package org.hearth.gateway.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ListsCommandTest {

    @TempDir
    Path dir;
    HttpServer server;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/gambling.txt", exchange -> {
            byte[] body = "||casino.example^\n@@||ok.casino.example^\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        Files.createDirectories(dir.resolve("lists"));
        Files.writeString(dir.resolve("lists/adult.txt"), "# adult\n0.0.0.0 porn.example\n0.0.0.0 junk..name\n");
        Files.writeString(dir.resolve("lists/cheats.txt"), "answers.example\n");
        config = dir.resolve("hearth.yml");
        Files.writeString(config, """
                dataDir: data
                categories: [homework-cheats]
                lists:
                  - name: local-adult
                    category: adult
                    source: lists/adult.txt
                  - name: remote-gambling
                    category: gambling
                    source: http://127.0.0.1:%d/gambling.txt
                  - name: cheats
                    category: homework-cheats
                    source: lists/cheats.txt
                """.formatted(server.getAddress().getPort()));
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ListsCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void compileDownloadsAndBuildsThenCheckExplainsAndStatsReports() {
        assertThat(run("compile", "--config", config.toString())).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("fetch remote-gambling", "UPDATED", "local-adult", "homework-cheats")
                .contains("line 3: not a domain name").contains("bytes per name");
        assertThat(dir.resolve("data/lists/index.hidx")).exists();

        out.getBuffer().setLength(0);
        assertThat(run("check", "WWW.Casino.Example.", "--config", config.toString())).isZero();
        assertThat(out.toString())
                .contains("www.casino.example: in gambling (listed as casino.example)")
                .contains("remote-gambling [gambling] line 1: blocks casino.example and the names below it")
                .doesNotContain("compiled it");

        out.getBuffer().setLength(0);
        assertThat(run("check", "a.ok.casino.example", "--config", config.toString(), "--device", "10.0.0.2"))
                .isZero();
        assertThat(out.toString()).contains("a.ok.casino.example: not in any list")
                .contains("line 2: exception for ok.casino.example")
                .contains("for 10.0.0.2 (an unknown device, profile default): allowed, because no rule matched");

        out.getBuffer().setLength(0);
        assertThat(run("check", "notcasino.example", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("notcasino.example: not in any list").doesNotContain("line");

        out.getBuffer().setLength(0);
        assertThat(run("stats", "--config", config.toString())).isZero();
        assertThat(out.toString()).containsPattern("local-adult\\s+adult\\s+1")
                .containsPattern("remote-gambling\\s+gambling\\s+2")
                .containsPattern("index: 4 distinct names")
                .contains("off the Java heap");
    }

    @Test
    void failedDownloadIsReportedAndTheRestStillCompiles() throws IOException {
        server.stop(0);
        assertThat(run("compile", "--config", config.toString())).isEqualTo(ListsCommand.ATTENTION);
        assertThat(out.toString()).contains("remote-gambling").contains("download failed");
        out.getBuffer().setLength(0);
        assertThat(run("check", "porn.example", "--config", config.toString())).isZero();
        assertThat(out.toString()).contains("porn.example: in adult");
    }

    @Test
    void invalidNameAndBrokenConfigGiveClearErrors() throws IOException {
        assertThat(run("check", "bad..name", "--config", config.toString())).isEqualTo(ListsCommand.ATTENTION);
        assertThat(err.toString()).contains("\"bad..name\" is not a valid domain name");

        Files.writeString(config, "lists:\n  - name: x\n    category: \"Not An Id!\"\n  - name: x\n    category: adult\n    source: a\n");
        assertThat(run("stats", "--config", config.toString())).isEqualTo(ListsCommand.UNUSABLE);
        assertThat(err.toString()).contains("hearth.yml:3: lists[0].category: \"Not An Id!\" is not a category")
                .contains("hearth.yml:2: lists[0].source: is required")
                .contains("hearth.yml:4: lists[1].name: \"x\" is already the name of lists[0]");
    }

    @Test
    void statsWithoutAnIndexSaysHowToBuildOne() {
        assertThat(run("stats", "--config", config.toString())).isEqualTo(ListsCommand.ATTENTION);
        assertThat(err.toString()).contains("no compiled index").contains("lists compile");
    }
}
