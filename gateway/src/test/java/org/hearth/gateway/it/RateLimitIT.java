package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.NsdServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * dns.rateLimit on a running gateway: a client over its rate gets REFUSED, over UDP and TCP alike,
 * while another client is answered. The gateway's ticker is fake, so "at once" is exact.
 */
class RateLimitIT {

    private static final InetAddress FLOODER = InetAddress.getLoopbackAddress(); // 127.0.0.1
    private static final String CONFIG = """
            dns:
              listen: ["127.0.0.1:0"]
              rateLimit: 10
              rateLimitBurst: 5
              rateLimitExempt: []
            upstreams: ["%s"]
            """;

    @TempDir
    Path dir;
    NsdServer nsd;

    @BeforeEach
    void start() throws Exception {
        nsd = NsdServer.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        nsd.close();
    }

    @Test
    void clientOverItsRateIsRefusedWhileAnotherIsAnswered() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, CONFIG.formatted(nsd.hostAndPort()))) {
            for (int i = 0; i < 5; i++) {
                Message answer = ask(gw.dns(), FLOODER, 0x100 + i);
                assertThat(answer.getRcode()).as("query %d of the burst", i).isEqualTo(Rcode.NOERROR);
                assertThat(answer.getHeader().getID()).isEqualTo(0x100 + i);
            }
            Message over = ask(gw.dns(), FLOODER, 0x200);
            assertThat(over.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(over.getHeader().getID()).isEqualTo(0x200);
            assertThat(over.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR))
                    .singleElement()
                    .satisfies(o -> {
                        ExtendedErrorCodeOption ede = (ExtendedErrorCodeOption) o;
                        assertThat(ede.getErrorCode()).isEqualTo(ExtendedErrorCodeOption.OTHER);
                        assertThat(ede.getText()).contains("rate limit");
                    });

            // Another device on the network is not held back by the first one's flood.
            assertThat(ask(gw.dns(), InetAddress.getByName("127.0.0.2"), 0x300).getRcode()).isEqualTo(Rcode.NOERROR);

            // The real dig sees the same, with the reason; so does a TCP query from the flooder.
            Dig.Result dig = Dig.dig(gw.dns(), "-b", "127.0.0.1", "+tries=1", "+time=5", "www.hearth.test", "A");
            assertThat(dig.output()).contains("status: REFUSED").contains("rate limit");
            try (Socket tcp = new Socket()) {
                tcp.bind(new InetSocketAddress(FLOODER, 0));
                tcp.connect(gw.dns(), RawDns.TIMEOUT_MILLIS);
                tcp.setSoTimeout(RawDns.TIMEOUT_MILLIS);
                RawDns.write(tcp, RawDns.framed(RawDns.query("www.hearth.test", Type.A, 0x400, false)));
                assertThat(new Message(RawDns.readFrame(tcp)).getRcode()).isEqualTo(Rcode.REFUSED);
            }

            // A tenth of a second at 10 a second earns the flooder one query back, and only one.
            gw.ticker.advance(Duration.ofMillis(100));
            assertThat(ask(gw.dns(), FLOODER, 0x500).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(ask(gw.dns(), FLOODER, 0x501).getRcode()).isEqualTo(Rcode.REFUSED);
        }
    }

    @Test
    void zeroTurnsTheLimitOff() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, CONFIG.replace("rateLimit: 10", "rateLimit: 0")
                .formatted(nsd.hostAndPort()))) {
            for (int i = 0; i < 50; i++) {
                assertThat(ask(gw.dns(), FLOODER, i).getRcode()).as("query %d", i).isEqualTo(Rcode.NOERROR);
            }
        }
    }

    @Test
    void loopbackIsExemptByDefault() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, CONFIG.replace("  rateLimitExempt: []\n", "")
                .formatted(nsd.hostAndPort()))) {
            for (int i = 0; i < 50; i++) {
                assertThat(ask(gw.dns(), FLOODER, i).getRcode()).as("query %d", i).isEqualTo(Rcode.NOERROR);
            }
        }
    }

    /** One UDP query with EDNS from the given loopback source address. */
    private static Message ask(InetSocketAddress server, InetAddress from, int id) throws IOException {
        byte[] packet = RawDns.query("www.hearth.test", Type.A, id, true);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(from, 0))) {
            socket.setSoTimeout(RawDns.TIMEOUT_MILLIS);
            socket.send(new DatagramPacket(packet, packet.length, server));
            byte[] buffer = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return new Message(Arrays.copyOf(buffer, reply.getLength()));
        }
    }
}
