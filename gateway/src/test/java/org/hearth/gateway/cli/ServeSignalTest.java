package org.hearth.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hearth serve} in a real child JVM, stopped by a real signal, as a service manager does. */
class ServeSignalTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signalStopsServeCleanlyWithExitZero(String signal) throws Exception {
        Path config = dir.resolve("hearth.yml");
        Files.writeString(config, "dns:\n  listen: [\"127.0.0.1:0\"]\nupstreams: [\"127.0.0.1:9\"]\nadmin: {listen: []}\nweb: {listen: []}\n");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                HearthCommand.class.getName(), "serve", "--config", config.toString())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> readUntil(out, "answering DNS"));
            assertThat(listening.get(30, TimeUnit.SECONDS)).contains("hearth: answering DNS on 127.0.0.1:");

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("serve stops after SIG" + signal).isTrue();
            assertThat(process.exitValue()).isEqualTo(ExitCode.OK);
            assertThat(readUntil(out, "stopped")).isEqualTo("hearth: stopped");
        } finally {
            process.destroyForcibly();
        }
        List<String> log = Files.readAllLines(dir.resolve("stderr.txt"));
        assertThat(log).anyMatch(l -> l.contains("SIG" + signal + ": stopping"));
        assertThat(log).anyMatch(l -> l.contains("effective config from " + config));
        assertThat(log).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception"));
    }

    /** Reads lines until one contains {@code marker}; bounded by the stream ending. */
    private static String readUntil(BufferedReader in, String marker) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.contains(marker)) {
                    return line;
                }
            }
            return "(output ended before \"" + marker + "\")";
        } catch (IOException e) {
            return "(cannot read output: " + e + ")";
        }
    }
}
