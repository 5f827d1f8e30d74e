package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hearth.gateway.alert.Alerts;
import org.hearth.gateway.config.AlertsConfig;
import org.hearth.gateway.config.PushAlertConfig;
import org.hearth.gateway.config.WebhookAlertConfig;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.hearth.gateway.testsupport.HttpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/alerts over real loopback HTTP, with the alert service and a real receiver behind it. */
class AlertRoutesTest {

    @TempDir
    Path dataDir;

    @Test
    void showsTheRedactedSectionAndSendsATestAlertToEachChannel() throws Exception {
        Clock clock = Clock.systemUTC();
        LogDatabase database = LogDatabase.inDataDir(dataDir, clock);
        try (HttpReceiver receiver = HttpReceiver.start();
                Alerts alerts = Alerts.start(new AlertsConfig(null,
                        new WebhookAlertConfig(receiver.uri("/hook/very-secret-path").toString()),
                        new PushAlertConfig(receiver.uri("/topic").toString(), "tk_secret", null), null, null, null,
                        null, null, null, null), database, clock);
                AdminServer server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dataDir,
                        new AdminSources(new LogQueries(database), List::of, new Pauses(), clock, null, null, null, null, alerts, null),
                        new AdminServer.Options(Duration.ofMinutes(30), Duration.ofHours(1), 5,
                                Duration.ofMinutes(15), 1_000), new ManualTicker())) {
            AdminClient browser = new AdminClient(server.addresses().get(0));
            assertThat(browser.get("/api/alerts").statusCode()).isEqualTo(401);
            String code = Files.readString(dataDir.resolve(SetupCode.FILE_NAME)).strip();
            assertThat(browser.post("/api/setup", "{\"code\":\"" + code + "\",\"password\":\"a good password\"}")
                    .statusCode()).isEqualTo(200);

            HttpResponse<String> shown = browser.get("/api/alerts");
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.body()).doesNotContain("very-secret-path", "tk_secret")
                    .contains("\"token\":\"" + AlertsConfig.SECRET + "\"", "\"window\":\"10m\"",
                            "\"deliveries\":[]", "\"dropped\":0");

            HttpResponse<String> test = browser.post("/api/alerts/test", "{}");
            assertThat(test.statusCode()).isEqualTo(200);
            assertThat(test.body()).contains("{\"channel\":\"webhook\",\"delivered\":true,\"error\":null}",
                    "{\"channel\":\"push\",\"delivered\":true,\"error\":null}");
            assertThat(receiver.accepted()).extracting(HttpReceiver.Request::path)
                    .containsExactlyInAnyOrder("/hook/very-secret-path", "/topic");
        }
    }
}
