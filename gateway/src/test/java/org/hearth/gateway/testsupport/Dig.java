package org.hearth.gateway.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code dig} or {@code kdig} against a server and returns what it printed. */
public final class Dig {

    private static final long TIMEOUT_SECONDS = 15;

    /** What the tool printed and how it exited. */
    public record Result(int exitCode, String output) {

        /** The answer section lines with the TTL column removed, as dig/kdig print them under +noall +answer. */
        public List<String> recordsWithoutTtl() {
            List<String> lines = new ArrayList<>();
            for (String line : output.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith(";")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+", 3);
                if (fields.length == 3) {
                    lines.add(fields[0] + " " + fields[2].replaceAll("\\s+", " "));
                }
            }
            lines.sort(null);
            return lines;
        }

        /** The TTL of the first record line, or -1. */
        public long firstTtl() {
            for (String line : output.split("\n")) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length > 2 && !line.startsWith(";")) {
                    return Long.parseLong(fields[1]);
                }
            }
            return -1;
        }
    }

    private Dig() {}

    /** dig @server -p port args... */
    public static Result dig(InetSocketAddress server, String... args) throws IOException, InterruptedException {
        return run("dig", server, args);
    }

    /** kdig @server -p port args... */
    public static Result kdig(InetSocketAddress server, String... args) throws IOException, InterruptedException {
        return run("kdig", server, args);
    }

    private static Result run(String tool, InetSocketAddress server, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.add("@" + server.getAddress().getHostAddress());
        command.add("-p");
        command.add(Integer.toString(server.getPort()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": no result within " + TIMEOUT_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }
}
