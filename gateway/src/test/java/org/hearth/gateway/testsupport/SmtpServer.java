package org.hearth.gateway.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real SMTP server on 127.0.0.1, started for a test: aiosmtpd (Debian package python3-aiosmtpd)
 * delivering into a Maildir, whose files are the mails exactly as received. Debian's python3 is
 * named by its path: a python3 earlier on the PATH (pyenv) would not see Debian's modules.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(20);
    private static final String PYTHON = java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3"))
            ? "/usr/bin/python3" : "python3";

    private final Process process;
    private final int port;
    private final Path maildir;

    private SmtpServer(Process process, int port, Path maildir) {
        this.process = process;
        this.port = port;
        this.maildir = maildir;
    }

    /** Starts aiosmtpd on a free loopback port, delivering into {@code dir}/maildir; waits until it answers. */
    public static SmtpServer start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path maildir = dir.resolve("maildir");
        Path log = dir.resolve("aiosmtpd.log");
        Process process = new ProcessBuilder(PYTHON, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "-c", "aiosmtpd.handlers.Mailbox", maildir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SmtpServer server = new SmtpServer(process, port, maildir);
        long deadline = System.nanoTime() + START.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return server;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("aiosmtpd did not start on port " + port + ": " + Files.readString(log));
                }
                Thread.sleep(50); // polling a starting process; bounded by START
            }
        }
    }

    public int port() {
        return port;
    }

    /** The mails received so far, as raw RFC 5322 text. */
    public List<String> mails() throws IOException {
        Path fresh = maildir.resolve("new");
        if (!Files.isDirectory(fresh)) {
            return List.of();
        }
        List<String> mails = new ArrayList<>();
        try (Stream<Path> files = Files.list(fresh)) {
            for (Path file : files.sorted().toList()) {
                mails.add(Files.readString(file));
            }
        }
        return mails;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
