package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.LoadedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The gateway starts the admin page, and a pause set through its API is what the policy answers by. */
class PauseThroughGatewayTest {

    @TempDir
    Path dir;

    @Test
    void deviceThePagePausesGetsBlockedAnswersFromTheGateway() throws Exception {
        Path file = dir.resolve("hearth.yml");
        // Nothing listens upstream: a name that is not blocked would only ever get SERVFAIL.
        Files.writeString(file, """
                dns:
                  listen: ["127.0.0.1:0"]
                upstreams: ["127.0.0.1:9"]
                admin:
                  listen: ["127.0.0.1:0"]
                web:
                  listen: []
                profiles:
                  kids:
                    preset: child
                devices:
                  - name: tablet
                    match: ["127.0.0.1"]
                    profile: kids
                defaultProfile: kids
                """);
        LoadedConfig config = ConfigLoader.load(file);
        try (Gateway gateway = Gateway.start(config)) {
            assertThat(gateway.adminAddresses()).as("the gateway starts the admin page").hasSize(1);
            AdminClient browser = new AdminClient(gateway.adminAddresses().get(0));
            String code = Files.readString(dir.resolve(SetupCode.FILE_NAME)).strip();
            assertThat(browser.post("/api/setup", "{\"code\":\"" + code + "\",\"password\":\"a good password\"}")
                    .statusCode()).isEqualTo(200);

            assertThat(browser.post("/api/pauses", "{\"device\":\"tablet\",\"minutes\":30}").statusCode())
                    .isEqualTo(200);

            Message answer = ask(gateway.dnsAddresses().get(0), "homework.example.org.");
            assertThat(answer.getSection(Section.ANSWER)).singleElement()
                    .isInstanceOfSatisfying(ARecord.class,
                            a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("0.0.0.0"));
        }
    }

    private static Message ask(InetSocketAddress server, String name) throws Exception {
        SimpleResolver resolver = new SimpleResolver(server.getAddress());
        resolver.setPort(server.getPort());
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, 1)));
    }
}
