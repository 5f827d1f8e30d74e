package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A flood of names nobody has asked before, at a gateway whose upstream has gone silent: only
 * upstream.maxInFlight of them wait on the upstream, the rest get SERVFAIL at once, and names in
 * the cache are still answered meanwhile.
 */
class UpstreamOverloadIT {

    private static final int MAX_IN_FLIGHT = 4;
    private static final int FLOOD = 60;

    @TempDir
    Path dir;

    @Test
    void floodToASilentUpstreamIsCutAtMaxInFlightAndCachedNamesStillAnswer() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Scripts.addresses(300, "192.0.2.50"));
                RunningGateway gw = RunningGateway.start(dir, """
                        dns:
                          listen: ["127.0.0.1:0"]
                          rateLimit: 0
                        upstreams: ["127.0.0.1:%d"]
                        upstream:
                          timeout: 4s
                          deadline: 4s
                          maxInFlight: %d
                        """.formatted(upstream.address().getPort(), MAX_IN_FLIGHT))) {
            assertThat(answerOf(ask(gw.dns(), "cached.example.com", 1))).isEqualTo("192.0.2.50");
            upstream.script(Scripts.silent());

            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                for (int i = 0; i < FLOOD; i++) {
                    byte[] q = RawDns.query("flood" + i + ".example.com", Type.A, 1000 + i, false);
                    socket.send(new DatagramPacket(q, q.length, gw.dns()));
                }
                // Well inside the 4 s deadline: only failing at once gets these back in this window.
                Map<Integer, Integer> early = rcodes(RawDns.receive(socket, FLOOD - MAX_IN_FLIGHT, 3000));
                assertThat(early).hasSize(FLOOD - MAX_IN_FLIGHT).allSatisfy((id, rcode) ->
                        assertThat(rcode).isEqualTo(Rcode.SERVFAIL));

                // The cache still answers while the upstream is saturated.
                assertThat(answerOf(ask(gw.dns(), "cached.example.com", 2))).isEqualTo("192.0.2.50");

                // The ones that waited end at the deadline, with SERVFAIL too, and nothing is lost.
                Map<Integer, Integer> late = rcodes(RawDns.receive(socket, MAX_IN_FLIGHT, 10_000));
                assertThat(late).hasSize(MAX_IN_FLIGHT).allSatisfy((id, rcode) ->
                        assertThat(rcode).isEqualTo(Rcode.SERVFAIL));
                assertThat(late.keySet()).doesNotContainAnyElementsOf(early.keySet());
            }
            assertThat(upstream.queryCount()).as("the cached name once, then only the ones let through")
                    .isEqualTo(1 + MAX_IN_FLIGHT);
        }
    }

    private static Map<Integer, Integer> rcodes(Map<Integer, Message> replies) {
        Map<Integer, Integer> out = new HashMap<>();
        replies.forEach((id, reply) -> out.put(id, reply.getRcode()));
        return out;
    }

    private static Message ask(InetSocketAddress server, String name, int id) throws Exception {
        return new Message(RawDns.udp(server, RawDns.query(name, Type.A, id, false)));
    }

    private static String answerOf(Message reply) {
        return reply.getSection(Section.ANSWER).get(0).rdataToString();
    }
}
