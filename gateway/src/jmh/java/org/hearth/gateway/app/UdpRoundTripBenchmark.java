package org.hearth.gateway.app;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.ConfigLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Queries a second over a real UDP socket on loopback: each JMH thread is one client with its own
 * socket, asking one question and waiting for the answer before the next (closed loop), as stub
 * resolvers do. Includes Netty's event loops, the kernel and the client's own send and receive, so
 * the score is what the box serves with this many clients busy at once, not the gateway alone.
 * Names are the cached allowed ones and the blocked ones of {@link QueryPathBenchmark}, mixed nine
 * allowed to one blocked.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(4)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class UdpRoundTripBenchmark {

    private QueryPathFixture fixture;
    private Gateway gateway;
    private InetSocketAddress server;
    private byte[][] packets;
    private int[] draws;

    /** One client: its socket, a receive buffer, and where it is in the draws. */
    @State(Scope.Thread)
    public static class Client {
        DatagramSocket socket;
        final DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
        int next;
        long lost;

        @Setup(Level.Trial)
        public void open(UdpRoundTripBenchmark bench) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setSoTimeout(2_000);
            socket.connect(bench.server);
            next = (int) (Thread.currentThread().getId() * 7919);
        }

        @TearDown(Level.Trial)
        public void close() {
            socket.close();
            if (lost > 0) {
                System.out.println("client lost " + lost + " answers (timed out)");
            }
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        fixture = QueryPathFixture.open();
        gateway = Gateway.start(ConfigLoader.load(fixture.configFile));
        gateway.lists().ready().get(10, TimeUnit.MINUTES);
        server = gateway.dnsAddresses().get(0);
        List<String> popular = QueryPathFixture.names("popular-domains.txt.gz", 10_000);
        List<String> adult = QueryPathFixture.names(QueryPathFixture.LISTS[0][0], 1_000);
        List<byte[]> mixed = new ArrayList<>();
        try (DatagramSocket warm = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            warm.setSoTimeout(5_000);
            warm.connect(server);
            for (int i = 0; i < popular.size(); i++) {
                byte[] packet = QueryPathFixture.query(popular.get(i), i & 0xffff);
                if (QueryPathAnswers.isUpstreamAnswer(roundTrip(warm, packet))) {
                    mixed.add(packet); // now cached
                }
                if (i % 9 == 8 && i / 9 < adult.size()) {
                    mixed.add(QueryPathFixture.query(adult.get(i / 9), i & 0xffff));
                }
            }
        }
        packets = mixed.toArray(new byte[0][]);
        draws = QueryPathFixture.zipfDraws(packets.length, 11);
    }

    @TearDown(Level.Trial)
    public void stop() {
        gateway.close();
        fixture.close();
    }

    @Benchmark
    public int query(Client client) throws IOException {
        byte[] packet = packets[draws[client.next++ & (QueryPathFixture.DRAWS - 1)]];
        client.socket.send(new DatagramPacket(packet, packet.length));
        // Skips a late answer to an earlier query (other ID), so every score is one matched round trip.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                client.socket.receive(client.reply);
            } catch (SocketTimeoutException e) {
                client.lost++; // counted, not thrown: one lost datagram must not end the run
                return 0;
            }
            byte[] got = client.reply.getData();
            if (got[0] == packet[0] && got[1] == packet[1]) {
                break;
            }
        }
        return client.reply.getLength();
    }

    private static byte[] roundTrip(DatagramSocket socket, byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length));
        DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
        socket.receive(reply);
        return java.util.Arrays.copyOf(reply.getData(), reply.getLength());
    }
}
