package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 8482: ANY gets one synthesized HINFO "RFC8482" "", over UDP and TCP, and never reaches an upstream. */
class AnyQueryIT {

    @TempDir
    Path dir;

    @Test
    void anyIsAnsweredWithHinfoAndNeverForwarded() throws Exception {
        try (ScriptedUpstream upstream = ScriptedUpstream.start(
                        q -> Reply.message(DnsReplies.addresses(q.message(), 300, "192.0.2.1")));
                RunningGateway gw = RunningGateway.start(dir, """
                        dns:
                          listen: ["127.0.0.1:0"]
                        upstreams: ["127.0.0.1:%d"]
                        """.formatted(upstream.address().getPort()))) {
            Dig.Result udp = Dig.dig(gw.dns(), "+noall", "+answer", "+comments", "Example.COM", "ANY");
            assertThat(udp.output()).contains("status: NOERROR");
            assertThat(udp.recordsWithoutTtl()).containsExactly("Example.COM. IN HINFO \"RFC8482\" \"\"");
            Dig.Result tcp = Dig.kdig(gw.dns(), "+tcp", "+noall", "+answer", "example.org", "ANY");
            assertThat(tcp.recordsWithoutTtl()).containsExactly("example.org. IN HINFO \"RFC8482\" \"\"");
            assertThat(upstream.queryCount()).as("ANY never forwarded").isZero();
            // Every other type still goes upstream.
            assertThat(Dig.dig(gw.dns(), "+short", "example.com", "A").output().strip()).isEqualTo("192.0.2.1");
            assertThat(upstream.queryCount()).isEqualTo(1);
        }
    }
}
