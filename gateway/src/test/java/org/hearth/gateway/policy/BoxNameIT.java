package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.cli.ServeCommand;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The box answers its own name with the address the question came in on, over UDP and TCP, on a
 * specific and on a wildcard listen address, and never asks an upstream about it.
 */
class BoxNameIT {

    @TempDir
    Path dir;
    private ScriptedUpstream upstream;
    private final AtomicInteger upstreamQueries = new AtomicInteger();
    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        upstream = ScriptedUpstream.start(q -> {
            upstreamQueries.incrementAndGet();
            return Reply.silence();
        });
        Path config = dir.resolve("hearth.yml");
        Files.writeString(config, """
                dns: {listen: ["127.0.0.1:0", "0.0.0.0:0", "[::]:0"]}
                admin: {listen: []}
                web: {listen: []}
                upstreams: ["127.0.0.1:%d"]
                identity: {arpFile: "", ipv6Neighbours: "", seenFile: ""}
                blocking: {boxName: Box.Home.Lan}
                """.formatted(upstream.address().getPort()));
        gateway = Gateway.start(ConfigLoader.load(config, ServeCommand.CHECKS), Ticker.systemTicker(),
                Clock.systemDefaultZone());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    @Test
    void boxNameResolvesToTheAddressTheQuestionCameInOn() throws Exception {
        for (InetSocketAddress bound : gateway.dnsAddresses()) {
            InetSocketAddress viaLoopback = new InetSocketAddress("127.0.0.1", bound.getPort());
            assertThat(Dig.dig(viaLoopback, "+short", "box.home.lan", "A").output().strip())
                    .as("UDP to %s", bound).isEqualTo("127.0.0.1");
            assertThat(Dig.dig(viaLoopback, "+tcp", "+short", "BOX.home.lan.", "A").output().strip())
                    .as("TCP to %s", bound).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void otherTypesOfTheBoxNameAreNodataAndNothingReachesTheUpstream() throws Exception {
        InetSocketAddress server = gateway.dnsAddresses().get(0);
        Dig.Result aaaa = Dig.dig(server, "box.home.lan", "AAAA");
        assertThat(aaaa.output()).contains("status: NOERROR").contains("ANSWER: 0");
        Dig.Result mx = Dig.dig(server, "box.home.lan", "MX");
        assertThat(mx.output()).contains("status: NOERROR").contains("ANSWER: 0");
        assertThat(upstreamQueries).hasValue(0);
    }
}
