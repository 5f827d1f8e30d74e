package org.hearth.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.testsupport.ThreadStat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The gateway's lifecycle on real loopback sockets: binding, limits, refusal, graceful close. */
class GatewayTest {

    @TempDir
    Path dir;
    /** An upstream that reads nothing and answers nothing: every forwarded query waits for its deadline. */
    private DatagramSocket silentUpstream;

    @BeforeEach
    void openSilentUpstream() throws Exception {
        silentUpstream = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void closeSilentUpstream() {
        silentUpstream.close();
    }

    private Gateway start(String dnsSection) throws Exception {
        Path file = dir.resolve("hearth-" + System.nanoTime() + ".yml");
        Files.writeString(file, dnsSection + "\nupstreams: [\"127.0.0.1:" + silentUpstream.getLocalPort() + "\"]\n"
                + "upstream:\n  timeout: PT0.2S\n  deadline: PT0.6S\n"
                + "admin:\n  listen: []\n" // no admin page here: tests never bind the default port 8080
                + "web:\n  listen: []\n"); // web: nor the child's pages' port 80
        return Gateway.start(ConfigLoader.load(file));
    }

    private static boolean ipv6Loopback() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static byte[] query(String name, int id) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        q.getHeader().setID(id);
        return q.toWire();
    }

    private static Message udp(InetSocketAddress server, byte[] packet) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            socket.setSoTimeout(5000);
            socket.send(new DatagramPacket(packet, packet.length, server));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            socket.receive(reply);
            return new Message(java.util.Arrays.copyOf(reply.getData(), reply.getLength()));
        }
    }

    /**
     * On a one-core box every thread shares the core with the event loop, so the gateway's periodic
     * work runs at nice 19 (its neighbour refresh held a question for 1 to 2 ms at normal priority,
     * gateway/PERF.md) and the DNS loops keep the priority the gateway was started with.
     */
    @Test
    void periodicWorkRunsAtBackgroundPriorityAndTheDnsLoopsDoNot() throws Exception {
        int started = ThreadStat.nice(ThreadStat.currentTid());
        assumeTrue(started < 19, "this JVM already runs at nice 19: nothing to tell apart");
        try (Gateway gateway = start("dns:\n  listen: [\"127.0.0.1:0\"]")) {
            assertThat(udp(gateway.dnsAddresses().get(0), query("example.org.", 7))).isNotNull();
            Map<String, Integer> nice = ThreadStat.awaitNice(List.of("hearth-policy", "hearth-alerts", "hearth-requests"), 19);
            assertThat(nice).containsEntry("hearth-policy", 19).containsEntry("hearth-alerts", 19)
                    .containsEntry("hearth-requests", 19);
            Map<String, Integer> loops = new HashMap<>(nice);
            loops.keySet().removeIf(name -> !name.matches("hearth-dns-\\d+-\\d+"));
            assertThat(loops).isNotEmpty().allSatisfy((name, value) -> assertThat(value).as(name).isEqualTo(started));
        }
    }

    @Test
    void portZeroBindsUdpAndTcpOnTheSamePortForEachAddress() throws Exception {
        boolean ipv6 = ipv6Loopback(); // some containers have no ::1
        try (Gateway gateway = start("dns:\n  listen: [\"127.0.0.1:0\"" + (ipv6 ? ", \"[::1]:0\"" : "") + "]")) {
            assertThat(gateway.dnsAddresses()).hasSize(ipv6 ? 2 : 1);
            for (InetSocketAddress address : gateway.dnsAddresses()) {
                assertThat(address.getPort()).isPositive();
                try (Socket tcp = new Socket()) {
                    tcp.connect(address, 2000); // TCP listens on the port UDP got
                }
            }
        }
    }

    @Test
    void addressInUseFailsStartWithTheAddressAndReason() throws Exception {
        try (Gateway first = start("dns:\n  listen: [\"127.0.0.1:0\"]")) {
            int port = first.dnsAddresses().get(0).getPort();
            assertThatThrownBy(() -> start("dns:\n  listen: [\"127.0.0.1:" + port + "\"]"))
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("UDP")
                    .hasMessageContaining("in use");
        }
        assertThatThrownBy(() -> start("dns:\n  listen: [\"127.0.0.1:http\"]"))
                .hasMessageContaining("127.0.0.1:http");
        assertThatThrownBy(() -> start("dns:\n  listen: [\"127.0.0.1:0\"]\n  allow: [\"not-a-network\"]"))
                .hasMessageContaining("dns.allow[0]");
    }

    @Test
    void clientOutsideTheAllowListIsRefused() throws Exception {
        try (Gateway gateway = start("dns:\n  listen: [\"127.0.0.1:0\"]\n  allow: [\"10.0.0.0/8\", \"::1/128\"]")) {
            Message answer = udp(gateway.dnsAddresses().get(0), query("www.example.com.", 0x1111));
            assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(answer.getHeader().getID()).isEqualTo(0x1111);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        try (Gateway gateway = start("dns:\n  listen: [\"127.0.0.1:0\"]\n  maxTcpConnections: 2\n  tcpIdleTimeout: PT30S");
             Socket a = new Socket();
             Socket b = new Socket();
             Socket c = new Socket()) {
            InetSocketAddress address = gateway.dnsAddresses().get(0);
            a.connect(address, 2000);
            b.connect(address, 2000);
            c.connect(address, 2000);
            long waitUntil = System.nanoTime() + 5_000_000_000L;
            while (gateway.counters().tcpRejected() == 0 && System.nanoTime() < waitUntil) {
                Thread.onSpinWait();
            }
            // Connections become active on different event loops, so which one is third is not fixed:
            // exactly one of the three is closed, the other two stay open.
            int closed = 0;
            for (Socket s : List.of(a, b, c)) {
                s.setSoTimeout(300);
                try {
                    if (s.getInputStream().read() == -1) {
                        closed++;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // open and idle, as it should be
                }
            }
            assertThat(closed).isEqualTo(1);
            assertThat(gateway.counters().tcpRejected()).isEqualTo(1);
        }
    }

    @Test
    void clientThatHalfClosesStillGetsItsAnswerThenTheConnectionCloses() throws Exception {
        // The silent upstream makes the answer come late (SERVFAIL at the deadline), after the half-close.
        try (Gateway gateway = start("dns:\n  listen: [\"127.0.0.1:0\"]");
             Socket socket = new Socket()) {
            socket.connect(gateway.dnsAddresses().get(0), 2000);
            socket.setSoTimeout(5000);
            byte[] q = query("half.example.", 0x3131);
            byte[] framed = new byte[q.length + 2];
            framed[1] = (byte) q.length;
            System.arraycopy(q, 0, framed, 2, q.length);
            socket.getOutputStream().write(framed);
            socket.shutdownOutput();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readUnsignedShort()];
            in.readFully(answer);
            assertThat(new Message(answer).getHeader().getID()).isEqualTo(0x3131);
            assertThat(new Message(answer).getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void idleConnectionIsClosedAfterTheTimeout() throws Exception {
        try (Gateway gateway = start("dns:\n  listen: [\"127.0.0.1:0\"]\n  tcpIdleTimeout: PT0.3S");
             Socket idle = new Socket()) {
            idle.connect(gateway.dnsAddresses().get(0), 2000);
            idle.setSoTimeout(10_000);
            InputStream in = idle.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void closeAnswersQueriesAlreadyInFlight() throws Exception {
        Gateway gateway = start("dns:\n  listen: [\"127.0.0.1:0\"]");
        InetSocketAddress address = gateway.dnsAddresses().get(0);
        // The silent upstream keeps this query in flight until the 0.6 s deadline turns it into SERVFAIL.
        CompletableFuture<Message> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return udp(address, query("slow.example.", 0x2222));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long waitUntil = System.nanoTime() + 5_000_000_000L;
        while (gateway.counters().queries() == 0 && System.nanoTime() < waitUntil) {
            Thread.onSpinWait();
        }
        gateway.close();
        Message servfail = answer.join();
        assertThat(servfail.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(servfail.getHeader().getID()).isEqualTo(0x2222);
        try (Socket refused = new Socket()) {
            assertThatThrownBy(() -> refused.connect(address, 1000)).isInstanceOf(java.io.IOException.class);
        }
    }
}
