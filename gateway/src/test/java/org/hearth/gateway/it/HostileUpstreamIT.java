package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An upstream whose every reply is damaged (bytes flipped, cut short, garbage appended, counts
 * that lie), keeping the query's ID so that the damage reaches the parser and the cache rather
 * than the ID check. Each client still gets a well-formed reply with its own ID and question,
 * from the upstream or from the cache, and the gateway serves normally afterwards.
 */
class HostileUpstreamIT {

    private static final int NAMES = 300;
    private static final int BATCH = 50;
    private static final long SEED = 20261128L;

    @TempDir
    Path dir;

    @Test
    void damagedUpstreamRepliesNeverBreakAnAnswerOrTheGateway() throws Exception {
        Random random = new Random(SEED);
        ScriptedUpstream.Script damaging = q -> {
            byte[] honest = DnsReplies.addresses(q.message(), 300, "192.0.2.80", "192.0.2.81").toWire();
            synchronized (random) {
                return Reply.bytes(damage(honest, random));
            }
        };
        try (ScriptedUpstream upstream = ScriptedUpstream.start(damaging);
                RunningGateway gw = RunningGateway.start(dir, """
                        dns:
                          listen: ["127.0.0.1:0"]
                        upstreams: ["127.0.0.1:%d"]
                        upstream:
                          timeout: 150ms
                          deadline: 400ms
                        """.formatted(upstream.address().getPort()))) {
            // Twice over: the second round is answered from whatever the first put in the cache.
            for (int round = 0; round < 2; round++) {
                int firstId = round * NAMES;
                Map<Integer, Message> replies = askAll(gw.dns(), firstId);
                assertThat(replies).as("round %d: every query answered", round).hasSize(NAMES);
                replies.forEach((id, reply) -> {
                    assertThat(reply.getHeader().getID()).isEqualTo(id);
                    assertThat(reply.getQuestion().getName()).as("question echoed")
                            .isEqualTo(Name.fromConstantString(name(id - firstId)));
                    assertThat(reply.getQuestion().getType()).isEqualTo(Type.A);
                });
            }
            assertThat(gw.gateway.counters().dropped()).isZero();

            upstream.script(Scripts.addresses(300, "192.0.2.90"));
            Message after = new Message(RawDns.udp(gw.dns(), RawDns.query("after.example.com", Type.A, 7, true)));
            assertThat(after.getSection(Section.ANSWER)).singleElement()
                    .satisfies(r -> assertThat(r.rdataToString()).isEqualTo("192.0.2.90"));
        }
    }

    /** One of several kinds of damage, or none; the ID (bytes 0-1) always survives. */
    private static byte[] damage(byte[] wire, Random random) {
        byte[] out = wire.clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    out[12 + random.nextInt(out.length - 12)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> out = Arrays.copyOf(out, 12 + random.nextInt(out.length - 12));
            case 2 -> {
                byte[] tail = new byte[1 + random.nextInt(20)];
                random.nextBytes(tail);
                out = Arrays.copyOf(out, out.length + tail.length);
                System.arraycopy(tail, 0, out, wire.length, tail.length);
            }
            case 3 -> {
                out[6] = (byte) random.nextInt(256); // ANCOUNT
                out[7] = (byte) random.nextInt(256);
            }
            case 4 -> out[2 + random.nextInt(out.length - 2)] ^= (byte) (1 << random.nextInt(8));
            default -> { } // now and then an honest reply, which must be served as such
        }
        return out;
    }

    private static String name(int i) {
        return "n" + i + ".hostile.example.";
    }

    /**
     * The names in batches of {@link #BATCH} from one socket, then each batch's replies keyed by
     * ID within a bounded wait. Batches, not all at once: a burst of hundreds would be about the
     * kernel's socket buffers (net.core.rmem_max differs between machines), not the gateway.
     */
    private static Map<Integer, Message> askAll(InetSocketAddress server, int firstId) throws Exception {
        Map<Integer, Message> replies = new HashMap<>();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int from = 0; from < NAMES; from += BATCH) {
                int to = Math.min(NAMES, from + BATCH);
                for (int i = from; i < to; i++) {
                    byte[] q = RawDns.query(name(i), Type.A, firstId + i, true);
                    socket.send(new DatagramPacket(q, q.length, server));
                }
                replies.putAll(RawDns.receive(socket, to - from, 5000));
            }
        }
        return replies;
    }
}
