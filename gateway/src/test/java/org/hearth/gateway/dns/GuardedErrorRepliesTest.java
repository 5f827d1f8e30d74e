package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Transport;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** The edge's own error replies (here FORMERR for a query without a question) ask the guard first. */
class GuardedErrorRepliesTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.168.1.5", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.168.1.1", 53);
    /** A readable header with QDCOUNT 0: FORMERR when answered. */
    private static final byte[] NO_QUESTION = {0x42, 0x42, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0};

    private final EdgeCounters counters = new EdgeCounters();
    private final Chain never = q -> CompletableFuture.failedFuture(new AssertionError("not a query"));

    private byte[] send(QueryDispatcher dispatcher) {
        return dispatcher.dispatch(NO_QUESTION, CLIENT, LOCAL, Transport.UDP).toCompletableFuture().join();
    }

    @Test
    void clientTheGuardAcceptsGetsFormerr() throws Exception {
        byte[] out = send(new QueryDispatcher(never, counters, client -> client.equals(CLIENT)));
        assertThat(new Message(out).getRcode()).isEqualTo(Rcode.FORMERR);
        assertThat(new Message(out).getHeader().getID()).isEqualTo(0x4242);
        assertThat(counters.formErr()).isEqualTo(1);
        assertThat(counters.dropped()).isZero();
    }

    @Test
    void clientTheGuardRefusesGetsSilenceCounted() {
        assertThat(send(new QueryDispatcher(never, counters, client -> false))).isNull();
        assertThat(counters.dropped()).isEqualTo(1);
        assertThat(counters.formErr()).isZero();
    }
}
