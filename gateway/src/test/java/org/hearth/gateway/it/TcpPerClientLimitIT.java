package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * dns.maxTcpConnectionsPerClient: one client holding its connections open takes only its share of
 * the TCP slots; another client still connects and gets answers, and a slot freed is usable again.
 */
class TcpPerClientLimitIT {

    @TempDir
    Path dir;

    @Test
    void clientOverItsShareOfConnectionsIsClosedWhileAnotherIsServed() throws Exception {
        List<Socket> hog = new ArrayList<>();
        try (ScriptedUpstream upstream = ScriptedUpstream.start(Scripts.addresses(300, "192.0.2.60"));
                RunningGateway gw = RunningGateway.start(dir, """
                        dns:
                          listen: ["127.0.0.1:0"]
                          tcpIdleTimeout: 30s
                          maxTcpConnections: 10
                          maxTcpConnectionsPerClient: 3
                        upstreams: ["127.0.0.1:%d"]
                        """.formatted(upstream.address().getPort()))) {
            for (int i = 0; i < 5; i++) {
                hog.add(connect(gw.dns(), "127.0.0.1"));
            }
            // The gateway closes the two beyond the share; which two depends on the event loops.
            long until = System.nanoTime() + 5_000_000_000L;
            while (gw.gateway.counters().tcpRejected() < 2 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertThat(gw.gateway.counters().tcpRejected()).isEqualTo(2);
            List<Socket> open = new ArrayList<>();
            for (Socket s : hog) {
                if (!closedByPeer(s)) {
                    open.add(s);
                }
            }
            assertThat(open).hasSize(3);

            try (Socket other = connect(gw.dns(), "127.0.0.2")) {
                assertThat(ask(other, "other.example.com", 0x0102)).isEqualTo("192.0.2.60");
            }
            // The hog's connections that stayed open still work.
            assertThat(ask(open.get(0), "hog.example.com", 0x0103)).isEqualTo("192.0.2.60");

            // Closing one of them frees a slot for the same client.
            open.get(1).close();
            until = System.nanoTime() + 5_000_000_000L;
            Socket again = null;
            while (again == null && System.nanoTime() < until) {
                Socket s = connect(gw.dns(), "127.0.0.1");
                if (closedByPeer(s)) {
                    s.close();
                } else {
                    again = s;
                }
            }
            assertThat(again).as("a freed slot is usable again").isNotNull();
            hog.add(again);
            assertThat(ask(again, "again.example.com", 0x0104)).isEqualTo("192.0.2.60");
        } finally {
            for (Socket s : hog) {
                s.close();
            }
        }
    }

    private static Socket connect(InetSocketAddress server, String from) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(server, RawDns.TIMEOUT_MILLIS);
        return socket;
    }

    /** Whether the gateway closed the connection: a read sees end of stream rather than waiting. */
    private static boolean closedByPeer(Socket socket) throws Exception {
        socket.setSoTimeout(300);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static String ask(Socket socket, String name, int id) throws Exception {
        socket.setSoTimeout(RawDns.TIMEOUT_MILLIS);
        RawDns.write(socket, RawDns.framed(RawDns.query(name, Type.A, id, false)));
        Message reply = new Message(RawDns.readFrame(socket));
        assertThat(reply.getHeader().getID()).isEqualTo(id);
        assertThat(reply.getRcode()).isEqualTo(Rcode.NOERROR);
        return reply.getSection(Section.ANSWER).get(0).rdataToString();
    }
}
