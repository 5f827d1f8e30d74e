package org.hearth.gateway.dns.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.query.Transport;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Every path through the client releases its buffers: answers, drops, garbage, TC then TCP, closed
 * connections, timeouts. Netty reports a leaked buffer (at the paranoid level the build sets) when
 * it is garbage collected and a later buffer is tracked; the test collects garbage, allocates
 * again, and reads what the leak detector logged.
 */
class UpstreamClientLeakTest {

    @Test
    void noPathLeaksAByteBuf() throws Exception {
        ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        ListAppender<ILoggingEvent> leaks = new ListAppender<>();
        leaks.start();
        detectorLog.addAppender(leaks);
        try (NettyTransport transport = NettyTransport.create(1, true);
                ScriptedUpstream upstream = ScriptedUpstream.start(UpstreamClientLeakTest::everyKindOfReply)) {
            UpstreamClient client = new UpstreamClient(transport);
            for (int round = 0; round < 3; round++) {
                List<CompletableFuture<UpstreamReply>> all = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    all.add(client.exchange(upstream.address(), query("k" + (i % 5) + "-" + round + "-" + i).toWire(),
                            TimeUnit.MILLISECONDS.toNanos(300)));
                }
                for (CompletableFuture<UpstreamReply> each : all) {
                    each.handle((reply, failure) -> null).get(10, TimeUnit.SECONDS);
                }
                System.gc();
                TimeUnit.MILLISECONDS.sleep(50); // lets the collector enqueue the phantom references
            }
        } finally {
            detectorLog.detachAppender(leaks);
            ResourceLeakDetector.setLevel(before);
        }
        assertThat(leaks.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("LEAK"));
    }

    /** The query's first label picks the behaviour: k0..k4. */
    private static Reply everyKindOfReply(ScriptedUpstream.Received query) {
        Message q = query.message();
        String kind = q.getQuestion().getName().getLabelString(0).substring(0, 2);
        byte[] answer = DnsReplies.addresses(q, 60, "192.0.2.1").toWire();
        switch (kind) {
            case "k0":
                return Reply.bytes(answer);
            case "k1":
                return Reply.sequence(Reply.bytes(DnsReplies.withId(answer, q.getHeader().getID() ^ 1)),
                        Reply.fromOtherSocket(Reply.bytes(answer)), Reply.bytes(answer));
            case "k2":
                return Reply.bytes(DnsReplies.garbage(q));
            case "k3":
                return query.transport() == Transport.UDP
                        ? Reply.message(DnsReplies.truncated(q))
                        : Reply.sequence(Reply.bytes(answer), Reply.closeConnection());
            default:
                return Reply.silence();
        }
    }

    private static Message query(String label) {
        Message query = new Message(0x4321);
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(Record.newRecord(DnsReplies.name(label + ".example.com"), Type.A, DClass.IN), Section.QUESTION);
        return query;
    }
}
