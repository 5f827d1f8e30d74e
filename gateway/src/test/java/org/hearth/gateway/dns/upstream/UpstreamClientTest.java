package org.hearth.gateway.dns.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.query.Transport;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The Netty client on its own: one query, one server, real sockets on loopback. */
class UpstreamClientTest {

    /** Long for answers that come (a loaded 2-core CI box), short where the timeout is the point. */
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(2);
    private static final long SHORT_TIMEOUT = TimeUnit.MILLISECONDS.toNanos(300);
    private static NettyTransport transport;
    private final List<ScriptedUpstream> upstreams = new ArrayList<>();
    private UpstreamClient client;

    @BeforeAll
    static void startLoops() throws Exception {
        transport = NettyTransport.create(1, true);
        // One exchange first, so class loading and native setup do not count against any test's timeout.
        try (ScriptedUpstream warmup = ScriptedUpstream.start(Scripts.addresses(60, "192.0.2.1"))) {
            new UpstreamClient(transport).exchange(warmup.address(), query("warmup.example", Type.A).toWire(), TIMEOUT * 5)
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopLoops() {
        transport.close();
    }

    @AfterEach
    void stopUpstreams() {
        upstreams.forEach(ScriptedUpstream::close);
    }

    private ScriptedUpstream upstream(ScriptedUpstream.Script script) throws Exception {
        ScriptedUpstream upstream = ScriptedUpstream.start(script);
        upstreams.add(upstream);
        client = new UpstreamClient(transport);
        return upstream;
    }

    private static Message query(String name, int type) {
        Message query = new Message(0x1234);
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(Record.newRecord(DnsReplies.name(name), type, DClass.IN), Section.QUESTION);
        return query;
    }

    private UpstreamReply exchange(ScriptedUpstream upstream, Message query) throws Exception {
        return exchange(upstream, query, TIMEOUT);
    }

    private UpstreamReply exchange(ScriptedUpstream upstream, Message query, long timeout) throws Exception {
        return client.exchange(upstream.address(), query.toWire(), timeout).get(10, TimeUnit.SECONDS);
    }

    /** The reply's bytes as dnsjava reads them, to say what arrived. */
    private static Message parsed(UpstreamReply reply) throws IOException {
        return new Message(reply.message().wire());
    }

    /**
     * A question read on one loop is forwarded from that loop and its reply handled there: handing
     * it to another loop and back costs two wake-ups a forwarded question on a one-core box.
     */
    @Test
    void anExchangeStartedOnALoopIsAnsweredOnThatLoop() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.addresses(60, "192.0.2.1"));
        try (NettyTransport four = NettyTransport.create(4, true)) {
            UpstreamClient onFour = new UpstreamClient(four);
            List<CompletableFuture<List<Thread>>> asked = new ArrayList<>();
            int n = 0;
            for (EventExecutor loop : four.group()) {
                for (int i = 0; i < 3; i++) {
                    byte[] wire = query("q" + n++ + ".example", Type.A).toWire();
                    asked.add(loop.submit(() -> {
                        Thread asker = Thread.currentThread();
                        return onFour.exchange(upstream.address(), wire, TIMEOUT)
                                .thenApply(reply -> List.of(asker, Thread.currentThread()));
                    }).get(10, TimeUnit.SECONDS));
                }
            }
            for (CompletableFuture<List<Thread>> threads : asked) {
                List<Thread> askerAndAnswerer = threads.get(10, TimeUnit.SECONDS);
                assertThat(askerAndAnswerer.get(1)).isSameAs(askerAndAnswerer.get(0));
            }
        }
    }

    @Test
    void udpAnswerBiggerThanNettysDefaultBufferIsReadWhole() throws Exception {
        // A server that ignores the advertised EDNS size and sends 12 × 200-byte TXT records over UDP.
        ScriptedUpstream upstream = upstream(Scripts.answering(q -> DnsReplies.oversized(q, 12)));
        UpstreamReply reply = exchange(upstream, query("big.example.com", Type.TXT));
        assertThat(reply.transport()).isEqualTo(Transport.UDP);
        assertThat(parsed(reply).getSection(Section.ANSWER)).hasSize(12);
    }

    @Test
    void udpAnswerThatFillsTheReceiveBufferIsAskedAgainOverTcp() throws Exception {
        // 90 × 200-byte TXT records: about 19 KB, more than the receive buffer, so the datagram
        // arrives cut. The whole answer comes over TCP instead of a cut one being taken as garbage.
        ScriptedUpstream upstream = upstream(Scripts.answering(q -> DnsReplies.oversized(q, 90)));
        UpstreamReply reply = exchange(upstream, query("huge.example.com", Type.TXT));
        assertThat(reply.transport()).isEqualTo(Transport.TCP);
        assertThat(parsed(reply).getSection(Section.ANSWER)).hasSize(90);
        assertThat(client.counters().tcpRetries()).isEqualTo(1);
        assertThat(client.counters().unreadable()).isZero();
    }

    @Test
    void overTcpAReplyWithAnotherIdIsSkippedForTheRightOne() throws Exception {
        ScriptedUpstream upstream = upstream(q -> {
            Message m = q.message();
            if (q.transport() == Transport.UDP) {
                return Reply.message(DnsReplies.truncated(m));
            }
            byte[] real = DnsReplies.addresses(m, 60, "192.0.2.5").toWire();
            return Reply.sequence(Reply.bytes(DnsReplies.withId(real, m.getHeader().getID() + 1)), Reply.bytes(real));
        });
        UpstreamReply reply = exchange(upstream, query("www.example.com", Type.A));
        assertThat(reply.transport()).isEqualTo(Transport.TCP);
        assertThat(parsed(reply).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.5");
        assertThat(client.counters().wrongId()).isEqualTo(1);
        assertThat(client.counters().tcpRetries()).isEqualTo(1);
    }

    @Test
    void tcpConnectionClosedWithoutAnswerFailsAtOnceNotAtTheTimeout() throws Exception {
        ScriptedUpstream upstream = upstream(q -> q.transport() == Transport.UDP
                ? Reply.message(DnsReplies.truncated(q.message()))
                : Reply.closeConnection());
        assertThatThrownBy(() -> exchange(upstream, query("www.example.com", Type.A)))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpstreamException.class).hasMessageContaining("closed before an answer");
        assertThat(client.counters().timeouts()).isZero();
    }

    @Test
    void silenceEndsInATimeoutException() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.silent());
        assertThatThrownBy(() -> exchange(upstream, query("www.example.com", Type.A), SHORT_TIMEOUT))
                .cause().isInstanceOf(UpstreamTimeoutException.class);
        assertThat(client.counters().timeouts()).isEqualTo(1);
    }

    @Test
    void aServerPortWithNothingBehindItFailsAtOnceNotAtTheTimeout() throws Exception {
        InetSocketAddress closed;
        try (DatagramSocket gone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = (InetSocketAddress) gone.getLocalSocketAddress();
        }
        client = new UpstreamClient(transport);
        long start = System.nanoTime();
        CompletableFuture<UpstreamReply> reply =
                client.exchange(closed, query("www.example.com", Type.A).toWire(), TimeUnit.SECONDS.toNanos(20));

        // The kernel's port unreachable reaches a connected socket as an error: the caller can try
        // its next server now, not after the 20 s it allowed.
        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpstreamException.class).isNotInstanceOf(UpstreamTimeoutException.class)
                .hasMessageContaining(closed.toString());
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        assertThat(client.counters().timeouts()).isZero();
    }

    @Test
    void ourOwnQueryEchoedBackIsNotAnAnswer() throws Exception {
        ScriptedUpstream upstream = upstream(q -> Reply.sequence(
                Reply.bytes(q.wire()),
                Reply.message(DnsReplies.addresses(q.message(), 60, "192.0.2.6"))));
        UpstreamReply reply = exchange(upstream, query("www.example.com", Type.A));
        assertThat(parsed(reply).getHeader().getFlag(Flags.QR)).isTrue();
        assertThat(client.counters().wrongId()).isEqualTo(1);
    }

    @Test
    void anErrorWithoutQuestionSectionIsTakenSoTheCallerCanFailOver() throws Exception {
        ScriptedUpstream upstream = upstream(q -> {
            Message refused = new Message(q.message().getHeader().getID());
            refused.getHeader().setFlag(Flags.QR);
            refused.getHeader().setRcode(Rcode.REFUSED);
            return Reply.message(refused);
        });
        assertThat(exchange(upstream, query("www.example.com", Type.A)).message().rcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void aNoerrorWithoutQuestionSectionIsDropped() throws Exception {
        ScriptedUpstream upstream = upstream(q -> {
            Message bare = new Message(q.message().getHeader().getID());
            bare.getHeader().setFlag(Flags.QR);
            return Reply.message(bare);
        });
        assertThatThrownBy(() -> exchange(upstream, query("www.example.com", Type.A), SHORT_TIMEOUT))
                .cause().isInstanceOf(UpstreamTimeoutException.class);
        assertThat(client.counters().wrongQuestion()).isEqualTo(1);
    }

    @Test
    void questionNameIsComparedWithoutRegardToCase() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.answering(q ->
                DnsReplies.addresses(DnsReplies.forOtherName(q, "WWW.Example.COM"), 60, "192.0.2.8")));
        assertThat(exchange(upstream, query("www.example.com", Type.A)).message().rcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void anIpv4MappedSenderIsTheSameEndpointAsItsIpv4Form() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress("127.0.0.1", 5300);
        assertThat(UdpSocket.sameEndpoint(new InetSocketAddress("::ffff:127.0.0.1", 5300), v4)).isTrue();
        assertThat(UdpSocket.sameEndpoint(new InetSocketAddress("127.0.0.1", 5301), v4)).isFalse();
        assertThat(UdpSocket.sameEndpoint(new InetSocketAddress("127.0.0.2", 5300), v4)).isFalse();
        assertThat(UdpSocket.sameEndpoint(new InetSocketAddress("::1", 5300), v4)).isFalse();
    }

    @Test
    void aBurstSharesAFewSourcePortsAndEachQuestionGetsItsOwnAnswer() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.addresses(60, "192.0.2.7"));
        client = new UpstreamClient(transport);
        List<java.util.concurrent.CompletableFuture<UpstreamReply>> replies = new ArrayList<>();
        java.util.Random ids = new java.util.Random(7);
        for (int i = 0; i < 48; i++) {
            Message query = query("q" + i + ".burst.example", Type.A);
            query.getHeader().setID(ids.nextInt(0x10000));
            replies.add(client.exchange(upstream.address(), query.toWire(), TIMEOUT));
        }
        for (int i = 0; i < 48; i++) {
            UpstreamReply reply = replies.get(i).get(10, TimeUnit.SECONDS);
            // The reply check compares the question: a datagram handed to the wrong exchange is dropped.
            assertThat(parsed(reply).getQuestion().getName().toString()).isEqualTo("q" + i + ".burst.example.");
        }
        assertThat(client.counters().dropped()).isZero();
        java.util.Map<Integer, Long> perPort = upstream.received().stream().collect(
                java.util.stream.Collectors.groupingBy(r -> r.from().getPort(), java.util.stream.Collectors.counting()));
        assertThat(perPort.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(UdpSockets.MAX_USES));
        assertThat(perPort.size()).isBetween(48 / UdpSockets.MAX_USES, 47);
    }

    @Test
    void aDatagramWithAnIdNobodyWaitsForIsDroppedAndTheAnswerStillTaken() throws Exception {
        ScriptedUpstream upstream = upstream(q -> {
            byte[] real = DnsReplies.addresses(q.message(), 60, "192.0.2.8").toWire();
            return Reply.sequence(Reply.bytes(DnsReplies.withId(real, q.message().getHeader().getID() ^ 0x5555)),
                    Reply.bytes(real));
        });
        UpstreamReply reply = exchange(upstream, query("stray.example.com", Type.A));
        assertThat(reply.transport()).isEqualTo(Transport.UDP);
        assertThat(parsed(reply).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("192.0.2.8");
        assertThat(client.counters().wrongId()).isEqualTo(1);
    }

    @Test
    void aSourcePortIsNotKeptOpenNorUsedAgainAfterAMoment() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.addresses(60, "192.0.2.9"));
        exchange(upstream, query("first.example.com", Type.A));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (client.openUdpSockets() > 0 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(client.openUdpSockets()).isZero();
        exchange(upstream, query("second.example.com", Type.A));
        List<ScriptedUpstream.Received> received = upstream.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).from().getPort()).isNotEqualTo(received.get(0).from().getPort());
    }

    @Test
    void twoServersNeverShareASourcePort() throws Exception {
        ScriptedUpstream a = upstream(Scripts.addresses(60, "192.0.2.10"));
        ScriptedUpstream b = upstream(Scripts.addresses(60, "192.0.2.11"));
        client = new UpstreamClient(transport);
        List<java.util.concurrent.CompletableFuture<UpstreamReply>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Message query = query("s" + i + ".example.com", Type.A);
            query.getHeader().setID(1000 + i);
            replies.add(client.exchange((i % 2 == 0 ? a : b).address(), query.toWire(), TIMEOUT));
        }
        for (var reply : replies) {
            reply.get(10, TimeUnit.SECONDS);
        }
        java.util.Set<Integer> portsOfA = new java.util.HashSet<>();
        a.received().forEach(r -> portsOfA.add(r.from().getPort()));
        java.util.Set<Integer> portsOfB = new java.util.HashSet<>();
        b.received().forEach(r -> portsOfB.add(r.from().getPort()));
        assertThat(portsOfA).isNotEmpty().doesNotContainAnyElementsOf(portsOfB);
    }

    @Test
    void anIdIsNotGivenOutTwiceOnASocketAndALateReplyIsCountedAsLate() throws Exception {
        // "late" is answered after the client gave up on it; "keeper", on the same socket, keeps that
        // socket open until then; "again" reuses late's ID and is answered at once.
        ScriptedUpstream upstream = upstream(q -> {
            Reply answer = Reply.message(DnsReplies.addresses(q.message(), 60, "192.0.2.12"));
            String name = q.message().getQuestion().getName().toString();
            return name.startsWith("late.") ? Reply.delayed(java.time.Duration.ofMillis(200), answer)
                    : name.startsWith("keeper.") ? Reply.delayed(java.time.Duration.ofMillis(800), answer) : answer;
        });
        Message late = query("late.example.com", Type.A);
        late.getHeader().setID(4242);
        Message keeper = query("keeper.example.com", Type.A);
        keeper.getHeader().setID(4343);
        var lateReply = client.exchange(upstream.address(), late.toWire(), TimeUnit.MILLISECONDS.toNanos(50));
        var keeperReply = client.exchange(upstream.address(), keeper.toWire(), TimeUnit.SECONDS.toNanos(5));
        assertThatThrownBy(() -> lateReply.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(UpstreamTimeoutException.class);
        Message again = query("again.example.com", Type.A);
        again.getHeader().setID(4242);
        assertThat(parsed(exchange(upstream, again)).getSection(Section.ANSWER)).hasSize(1);
        keeperReply.get(10, TimeUnit.SECONDS);
        java.util.Map<String, Integer> portOf = new java.util.HashMap<>();
        upstream.received().forEach(r -> portOf.put(r.message().getQuestion().getName().toString(), r.from().getPort()));
        assertThat(portOf.get("again.example.com.")).isNotEqualTo(portOf.get("late.example.com."));
        if (portOf.get("keeper.example.com.").equals(portOf.get("late.example.com."))) {
            // Shared as intended (not so on a box too slow to send both within 100 ms): the socket was
            // still open when the late answer came, and it was counted as late, not as forged.
            assertThat(client.counters().late()).isEqualTo(1);
        }
        assertThat(client.counters().dropped()).isZero();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (client.openUdpSockets() > 0 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(client.openUdpSockets()).isZero();
    }

    @Test
    void everyExchangeClosesItsSockets() throws Exception {
        ScriptedUpstream upstream = upstream(Scripts.truncatingOverUdp(512, q -> DnsReplies.oversized(q, 3)));
        exchange(upstream, query("warm.example.com", Type.TXT)); // loads classes, opens the epoll fds
        long before = openFileDescriptors();
        for (int i = 0; i < 50; i++) {
            exchange(upstream, query("n" + i + ".example.com", Type.TXT)); // a UDP and a TCP socket each
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (openFileDescriptors() > before + 2 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(10); // closing completes on the event loop just after the answer
        }
        assertThat(openFileDescriptors()).isLessThanOrEqualTo(before + 2);
        assertThat(upstream.tcpQueryCount()).isEqualTo(51);
    }

    private static long openFileDescriptors() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
