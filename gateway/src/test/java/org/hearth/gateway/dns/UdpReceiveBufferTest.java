package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hearth.gateway.config.DnsConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Responses;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;

/**
 * The UDP listener asks for a receive buffer that holds a burst: the kernel's default (about 250
 * small queries on loopback, fewer off a NIC) dropped the rest of a burst before Netty read it.
 */
class UdpReceiveBufferTest {

    @Test
    void udpListenerGetsTheBiggerReceiveBufferTheKernelAllows() throws Exception {
        long rmemMax = Long.parseLong(Files.readString(Path.of("/proc/sys/net/core/rmem_max")).trim());
        Chain nxdomain = q -> CompletableFuture.completedFuture(
                new Answer(Responses.rcode(q.question(), Rcode.NXDOMAIN), Answer.Source.POLICY));
        DnsConfig config = new DnsConfig(List.of("127.0.0.1:0"), null, null, null, null, null, null, null, null, 1);
        try (NettyTransport transport = NettyTransport.create(1, true);
                DnsListeners listeners = DnsListeners.bind(config, transport,
                        new QueryDispatcher(nxdomain, new EdgeCounters()))) {
            // Linux grants min(asked, rmem_max) and reports twice that (room for its bookkeeping).
            assertThat(listeners.udpReceiveBuffers()).singleElement()
                    .satisfies(granted -> assertThat((long) granted)
                            .isGreaterThanOrEqualTo(2 * Math.min(DnsListeners.UDP_RECEIVE_BUFFER, rmemMax)));
        }
    }
}
