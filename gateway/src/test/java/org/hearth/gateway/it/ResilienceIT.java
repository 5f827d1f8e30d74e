package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
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
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** What clients see when upstreams die: failover, SERVFAIL in time, stale answers, refusal. */
class ResilienceIT {

    @TempDir
    Path dir;
    NsdServer nsd;
    /** Bound and never read: an upstream that swallows queries, so only timeouts end them. */
    DatagramSocket blackHole;

    @BeforeEach
    void start() throws Exception {
        nsd = NsdServer.start(dir);
        blackHole = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() throws Exception {
        nsd.close();
        blackHole.close();
    }

    private String blackHoleAddress() {
        return "127.0.0.1:" + blackHole.getLocalPort();
    }

    @Test
    void deadFirstUpstreamFailsOverToTheSecond() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, """
                dns:
                  listen: ["127.0.0.1:0"]
                upstreams: ["%s", "%s"]
                upstream:
                  timeout: PT0.3S
                """.formatted(blackHoleAddress(), nsd.hostAndPort()))) {
            Dig.Result result = Dig.dig(gw.dns(), "+noall", "+answer", "+tries=1", "+time=5", "www.hearth.test", "A");
            assertThat(result.recordsWithoutTtl()).containsExactly("www.hearth.test. IN A 192.0.2.10");
        }
    }

    @Test
    void allUpstreamsDownGiveServfailWithinThreeSeconds() throws Exception {
        int closedPort = NsdServer.freePort();
        try (RunningGateway gw = RunningGateway.start(dir, """
                dns:
                  listen: ["127.0.0.1:0"]
                upstreams: ["%s", "127.0.0.1:%d"]
                """.formatted(blackHoleAddress(), closedPort))) {
            long start = System.nanoTime();
            Message answer = new Message(RawDns.udp(gw.dns(), RawDns.query("www.hearth.test", Type.A, 0x3333, true)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer.getRcode()).isEqualTo(Rcode.SERVFAIL);
            assertThat(answer.getHeader().getID()).isEqualTo(0x3333);
            // The brief's bound for a client: default upstream deadline 2.5 s plus edge work.
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void cachedAnswerOutlivesItsUpstreamAndStaleIsServedPastTtl() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, """
                dns:
                  listen: ["127.0.0.1:0"]
                upstreams: ["%s"]
                upstream:
                  timeout: PT0.3S
                  deadline: PT1S
                """.formatted(nsd.hostAndPort()))) {
            Message fresh = new Message(RawDns.udp(gw.dns(), RawDns.query("www.hearth.test", Type.A, 1, true)));
            assertThat(fresh.getSection(Section.ANSWER)).hasSize(1);
            nsd.close();

            gw.ticker.advance(Duration.ofSeconds(100));
            Message cached = new Message(RawDns.udp(gw.dns(), RawDns.query("www.hearth.test", Type.A, 2, true)));
            assertThat(cached.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(cached.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(200);

            gw.ticker.advance(Duration.ofSeconds(300)); // past the TTL, inside the stale window
            Message stale = new Message(RawDns.udp(gw.dns(), RawDns.query("www.hearth.test", Type.A, 3, true)));
            assertThat(stale.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(stale.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.10");
            assertThat(stale.getSection(Section.ANSWER).get(0).getTTL()).isEqualTo(30); // RFC 8767 §4
            var ede = stale.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
            assertThat(ede).extracting(o -> ((ExtendedErrorCodeOption) o).getErrorCode()).contains(3);
        }
    }

    @Test
    void loopbackIsRefusedWhenTheAllowListExcludesIt() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, """
                dns:
                  listen: ["127.0.0.1:0"]
                  allow: ["192.168.0.0/16"]
                upstreams: ["%s"]
                """.formatted(nsd.hostAndPort()))) {
            Dig.Result dig = Dig.dig(gw.dns(), "www.hearth.test", "A");
            assertThat(dig.output()).contains("status: REFUSED");
            Message answer = new Message(RawDns.udp(gw.dns(), RawDns.query("www.hearth.test", Type.A, 0x4444, true)));
            assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
            assertThat(answer.getSection(Section.ANSWER)).isEmpty();
            var ede = answer.getOPT().getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR);
            assertThat(ede).extracting(o -> ((ExtendedErrorCodeOption) o).getErrorCode()).containsExactly(18);
        }
    }
}
