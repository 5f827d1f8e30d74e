package org.hearth.gateway.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run behind the class-data-sharing archive ({@code hearth.jsa}): run as
 * {@code java -XX:ArchiveClassesAtExit=hearth.jsa -cp hearth.jar org.hearth.gateway.cli.StartupTraining},
 * it does what a box does in its first seconds, on loopback only, so the JVM records every class that
 * start-up and the first answers load: parse the command line, load a config, compile a list
 * ({@code lists compile}, as a cold start does in the daemon), then {@code serve} with that index
 * mapped, answer allowed (forwarded, then cached) and blocked names over UDP and TCP, and stop.
 * A later {@code java -XX:SharedArchiveFile=hearth.jsa -jar hearth.jar serve} maps those classes
 * instead of parsing and verifying them: the first answer comes sooner and metaspace is smaller
 * (bench/README.md has the figures). The archive only works with the JVM build and the exact jar
 * file it was made with; with any other the JVM ignores it and starts as usual.
 *
 * <p>Exit 0 when every step answered as expected; 1 otherwise (the build then fails rather than
 * ship an archive trained on a broken start).
 */
public final class StartupTraining {

    /** Bounds every wait: a training run that hangs must fail the build, not stall it. */
    private static final int WAIT_SECONDS = 60;
    private static final String BLOCKED = "ads.training.invalid";
    private static final String ALLOWED = "www.example.org";

    private StartupTraining() {}

    public static void main(String[] args) {
        int code;
        try {
            code = run();
        } catch (Exception e) {
            System.err.println("hearth startup training: " + e);
            code = ExitCode.RUNTIME;
        }
        // The archive is written as the JVM exits; the gateway's threads are closed by then.
        System.exit(code);
    }

    static int run() throws Exception {
        Path dir = Files.createTempDirectory("hearth-training");
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (FixedUpstream upstream = new FixedUpstream()) {
            Path config = writeConfig(dir, upstream.port());
            StringWriter out = new StringWriter();
            int compiled = HearthCommand.commandLine().setOut(new PrintWriter(out, true))
                    .execute("lists", "compile", "--offline", "--config", config.toString());
            if (compiled != ExitCode.OK) {
                System.err.println("hearth startup training: lists compile exited " + compiled + ": " + out);
                return ExitCode.RUNTIME;
            }
            ServeCommand serve = new ServeCommand(false);
            CommandLine cli = new CommandLine(serve).setOut(new PrintWriter(new StringWriter(), true));
            Future<Integer> exit = runner.submit(() -> cli.execute("--config", config.toString()));
            InetSocketAddress dns = serve.started.get(WAIT_SECONDS, TimeUnit.SECONDS).get(0);
            boolean ok = rcode(udp(dns, ALLOWED)) == 0 && rcode(udp(dns, ALLOWED)) == 0
                    && rcode(udp(dns, BLOCKED)) == 3 && rcode(tcp(dns, "sub." + BLOCKED)) == 3
                    && rcode(tcp(dns, ALLOWED)) == 0;
            serve.requestStop();
            int served = exit.get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (!ok || served != ExitCode.OK) {
                System.err.println("hearth startup training: unexpected answers (" + ok + ") or serve exit " + served);
                return ExitCode.RUNTIME;
            }
            return ExitCode.OK;
        } finally {
            runner.shutdownNow();
            deleteTree(dir);
        }
    }

    private static Path writeConfig(Path dir, int upstreamPort) throws IOException {
        Path list = Files.writeString(dir.resolve("training-list.txt"),
                String.join("\n", "training.invalid", "tracker.training.invalid",
                        "adblock.training.invalid", ""));
        Path config = dir.resolve("hearth.yml");
        Files.writeString(config, String.join("\n",
                "dataDir: \"" + dir.resolve("data") + "\"",
                "dns:",
                "  listen: [\"127.0.0.1:0\"]",
                "upstreams: [\"127.0.0.1:" + upstreamPort + "\"]",
                "admin:",
                "  listen: [\"127.0.0.1:0\"]",
                "lists:",
                "  - name: training",
                "    category: ads-trackers",
                "    source: \"" + list + "\"",
                "profiles:",
                "  training:",
                "    block: [ads-trackers]",
                "defaultProfile: training",
                "blocking:",
                "  mode: nxdomain",
                "identity:",
                "  seenFile: \"\"",
                ""));
        return config;
    }

    private static byte[] query(String name) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) 0x4854).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (String label : name.split("\\.")) {
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            b.put((byte) bytes.length).put(bytes);
        }
        b.put((byte) 0).putShort((short) 1).putShort((short) 1);
        byte[] packet = new byte[b.position()];
        b.flip().get(packet);
        return packet;
    }

    private static byte[] udp(InetSocketAddress dns, String name) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(WAIT_SECONDS * 1000 / 4);
            byte[] q = query(name);
            socket.send(new DatagramPacket(q, q.length, dns));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            socket.receive(reply);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        }
    }

    private static byte[] tcp(InetSocketAddress dns, String name) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(dns, WAIT_SECONDS * 1000 / 4);
            socket.setSoTimeout(WAIT_SECONDS * 1000 / 4);
            byte[] q = query(name);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(q.length);
            out.write(q);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return reply;
        }
    }

    private static int rcode(byte[] reply) {
        return reply.length < 12 ? -1 : reply[3] & 0x0F;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("hearth startup training: could not delete " + dir + ": " + e);
        }
    }

    /** An upstream on loopback that answers every A question with 192.0.2.1 (RFC 5737), TTL 60. */
    private static final class FixedUpstream implements AutoCloseable {

        private final DatagramSocket socket;
        private final Thread thread;

        FixedUpstream() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(this::serve, "training-upstream");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] buf = new byte[4096];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buf, buf.length);
                    socket.receive(packet);
                    byte[] reply = answer(buf, packet.getLength());
                    if (reply != null) {
                        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        /** The question echoed with one A record, or null for a packet that is not one question. */
        private static byte[] answer(byte[] q, int length) {
            int end = 12;
            while (end < length && q[end] != 0) {
                end += (q[end] & 0xFF) + 1;
            }
            end += 5; // the root label, type, class
            if (length < 12 || end > length) {
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate(end + 16);
            b.put(q, 0, 2).putShort((short) 0x8180).putShort((short) 1).putShort((short) 1)
                    .putShort((short) 0).putShort((short) 0).put(q, 12, end - 12);
            b.putShort((short) 0xC00C).putShort((short) 1).putShort((short) 1).putInt(60).putShort((short) 4)
                    .put(new byte[] {(byte) 192, 0, 2, 1});
            return b.array();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
