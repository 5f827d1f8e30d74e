package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/**
 * A packet the chain never sees still meets the guard: garbage from a client outside dns.allow
 * gets silence, not a FORMERR that could be aimed at a spoofed victim; a client inside gets FORMERR.
 */
class GuardedEdgeIT {

    /** A readable header with QDCOUNT 0. */
    private static final byte[] NO_QUESTION = {0x42, 0x42, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final String CONFIG = """
            dns:
              listen: ["127.0.0.1:0"]
              allow: [%s]
            upstreams: ["127.0.0.1:9"]
            """;

    @TempDir
    Path dir;

    @Test
    void garbageFromOutsideTheAllowListGetsSilence() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, CONFIG.formatted("\"10.0.0.0/8\""))) {
            assertThat(RawDns.udp(gw.dns(), NO_QUESTION, 500)).isNull();
            assertThat(gw.gateway.counters().dropped()).isEqualTo(1);
            assertThat(gw.gateway.counters().formErr()).isZero();
        }
    }

    @Test
    void garbageFromAnAllowedClientGetsFormerr() throws Exception {
        try (RunningGateway gw = RunningGateway.start(dir, CONFIG.formatted("\"127.0.0.0/8\""))) {
            Message reply = new Message(RawDns.udp(gw.dns(), NO_QUESTION));
            assertThat(reply.getRcode()).isEqualTo(Rcode.FORMERR);
            assertThat(reply.getHeader().getID()).isEqualTo(0x4242);
        }
    }
}
