package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.hearth.gateway.config.DnsConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Responses;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * dns.udpSockets: several UDP sockets on one address (SO_REUSEPORT), each on its own event loop,
 * so clients are served by more than one core. Real sockets on loopback.
 */
class UdpSocketsTest {

    private static final int CLIENTS = 32;

    @Test
    void clientsAreSpreadOverTheSocketsAndEveryOneIsAnswered() throws Exception {
        Set<String> loops = ConcurrentHashMap.newKeySet();
        Chain chain = q -> {
            loops.add(Thread.currentThread().getName());
            return CompletableFuture.completedFuture(
                    new Answer(Responses.rcode(q.question(), Rcode.NXDOMAIN), Answer.Source.POLICY));
        };
        DnsConfig config = new DnsConfig(List.of("127.0.0.1:0"), null, null, null, null, null, null, null, null, 4);
        try (NettyTransport transport = NettyTransport.create(4, true);
                DnsListeners listeners = DnsListeners.bind(config, transport,
                        new QueryDispatcher(chain, new EdgeCounters()))) {
            int expected = transport.isEpoll() ? 4 : 1;
            assertThat(listeners.udpReceiveBuffers()).as("UDP sockets on the one address").hasSize(expected);
            InetSocketAddress server = listeners.addresses().get(0);
            List<DatagramSocket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
                    client.setSoTimeout(5_000);
                    clients.add(client);
                    byte[] query = Message.newQuery(Record.newRecord(Name.fromString("n" + i + ".example."),
                            Type.A, 1)).toWire();
                    client.send(new DatagramPacket(query, query.length, server));
                }
                for (DatagramSocket client : clients) {
                    DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                    client.receive(reply);
                    assertThat(new Message(reply.getData()).getRcode()).isEqualTo(Rcode.NXDOMAIN);
                }
            } finally {
                clients.forEach(DatagramSocket::close);
            }
            if (transport.isEpoll()) {
                // 32 client ports hashed over 4 sockets all landing on one: (1/4)^31.
                assertThat(loops).as("event loops that read queries").hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    void aSecondGatewayOnTheSamePortIsRefusedNotJoinedToTheGroup() throws Exception {
        Chain chain = q -> CompletableFuture.completedFuture(
                new Answer(Responses.rcode(q.question(), Rcode.NXDOMAIN), Answer.Source.POLICY));
        DnsConfig first = new DnsConfig(List.of("127.0.0.1:0"), null, null, null, null, null, null, null, null, 2);
        try (NettyTransport transport = NettyTransport.create(2, true);
                DnsListeners listeners = DnsListeners.bind(first, transport,
                        new QueryDispatcher(chain, new EdgeCounters()))) {
            int port = listeners.addresses().get(0).getPort();
            DnsConfig second = new DnsConfig(List.of("127.0.0.1:" + port), null, null, null, null, null, null,
                    null, null, 2);
            assertThatThrownBy(() -> DnsListeners.bind(second, transport,
                            new QueryDispatcher(chain, new EdgeCounters())))
                    .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("(UDP)")
                    .hasMessageContaining("in use");
        }
    }
}
