package org.hearth.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.testsupport.Dig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNS comes first (CONTRACT.md): a child's page that cannot listen costs the network nothing but the page. */
class WebBindIT {

    @TempDir
    Path dir;

    @Test
    void webPortTakenByAnotherProgramLeavesDnsServing() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Path file = dir.resolve("hearth.yml");
            Files.writeString(file, """
                    dns: {listen: ["127.0.0.1:0"]}
                    admin: {listen: []}
                    web: {listen: ["127.0.0.1:%d"]}
                    upstreams: ["127.0.0.1:9"]
                    profiles:
                      kids: {preset: child, deny: [casino.example]}
                    defaultProfile: kids
                    blocking: {mode: blockpage}
                    """.formatted(taken.getLocalPort()));
            try (Gateway gateway = Gateway.start(ConfigLoader.load(file))) {
                assertThat(gateway.webAddresses()).isEmpty();
                Dig.Result r = Dig.dig(gateway.dnsAddresses().get(0), "+short", "+tries=1", "+time=5",
                        "casino.example.", "A");
                assertThat(r.exitCode()).as(r.output()).isZero();
                assertThat(r.output().strip()).isEqualTo("127.0.0.1");
                assertThat(gateway.requests()).as("requests and allows work without the page").isNotNull();
            }
        }
    }
}
