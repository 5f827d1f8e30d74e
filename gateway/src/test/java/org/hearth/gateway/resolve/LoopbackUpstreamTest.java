package org.hearth.gateway.resolve;

import static org.hearth.gateway.resolve.TestQueries.query;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.config.UpstreamConfig;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.hearth.gateway.testsupport.Scripts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.xbill.DNS.Message;
import org.xbill.DNS.Type;

/**
 * Event loops, scripted upstreams and pools for tests over real UDP and TCP on loopback; everything
 * a test starts is closed after it.
 */
abstract class LoopbackUpstreamTest {

    /**
     * Short enough that silent upstreams cost little, long enough that an answering one is never
     * late on a loaded 2-core CI machine.
     */
    static final UpstreamConfig FAST = new UpstreamConfig(
            Duration.ofMillis(500), Duration.ofMillis(2500), Duration.ofMillis(200));
    static NettyTransport transport;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startLoops() throws Exception {
        transport = NettyTransport.create(2, true);
        // One query first, so class loading and native setup do not count against any test's timeout.
        try (ScriptedUpstream warmup = ScriptedUpstream.start(Scripts.addresses(60, "192.0.2.1"));
                UpstreamPool pool = UpstreamPool.start(List.of(warmup.address()),
                        new UpstreamConfig(Duration.ofSeconds(10), Duration.ofSeconds(10), null), transport)) {
            pool.resolve(UpstreamQuery.of(query("warmup.example", Type.A))).get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopLoops() {
        transport.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable each : closeAfter) {
            each.close();
        }
    }

    ScriptedUpstream upstream(ScriptedUpstream.Script script) throws Exception {
        ScriptedUpstream upstream = ScriptedUpstream.start(script);
        closeAfter.add(upstream);
        return upstream;
    }

    void closeAfterTest(AutoCloseable closeable) {
        closeAfter.add(closeable);
    }

    UpstreamPool pool(UpstreamConfig config, ScriptedUpstream... upstreams) {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (ScriptedUpstream each : upstreams) {
            servers.add(each.address());
        }
        UpstreamPool pool = UpstreamPool.start(servers, config, transport);
        closeAfter.add(pool);
        return pool;
    }

    static Answer ask(UpstreamPool pool, QueryContext query) throws Exception {
        Chain unused = q -> {
            throw new AssertionError("the forward stage never hands on");
        };
        return new ForwardStage(pool).handle(query, unused).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Message parse(Answer answer) throws Exception {
        return new Message(answer.message());
    }

    static String firstAnswer(Answer answer) throws Exception {
        return parse(answer).getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString();
    }
}
