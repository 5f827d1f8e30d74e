package org.hearth.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.alert.Alerts;
import org.hearth.gateway.alert.Delivery;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.HttpReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts end to end: the real gateway with a list source in a serious category and alerts to a
 * webhook on loopback; a device asks the real {@code dig} for a blocked name again and again, and the
 * parent's receiver gets exactly one alert, which names that name and nothing else. A device the
 * config does not name then raises one new-device alert.
 */
class AlertsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KID = "127.0.0.2";
    private static final String STRANGER = "127.0.0.3";

    @TempDir
    Path dir;

    @Test
    void repeatedSeriousLookupsGiveOneAlertWithOnlyThatName() throws Exception {
        Files.writeString(dir.resolve("adult.txt"), "adult.example\nother-adult.example\n");
        Files.writeString(dir.resolve("gambling.txt"), "casino.example\n");
        try (HttpReceiver receiver = HttpReceiver.start();
                RunningGateway running = RunningGateway.start(dir, """
                        dns: {listen: ["127.0.0.1:0"]}
                        upstreams: ["127.0.0.1:9"]
                        lists:
                          - {name: adult, category: adult, source: adult.txt}
                          - {name: gambling, category: gambling, source: gambling.txt}
                        identity: {arpFile: "", ipv6Neighbours: "", seenFile: ""}
                        profiles:
                          kids: {block: [adult, gambling]}
                        devices:
                          - {name: Kid tablet, match: ["%s"], profile: kids}
                        defaultProfile: kids
                        alerts:
                          webhook: {url: "%s"}
                          serious: {threshold: 3, window: 10m}
                          weeklySummary: {enabled: false}
                        """.formatted(KID, receiver.uri("/hook")))) {
            running.gateway.lists().ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Alerts alerts = running.gateway.alerts();
            // A gambling block first: blocked, but no serious category, so it must not appear.
            ask(running, KID, "casino.example");
            for (int i = 0; i < 6; i++) {
                ask(running, KID, "www.adult.example"); // 3 raise the alert; the other 3 fall in its window
            }
            List<HttpReceiver.Request> got = receiver.awaitAccepted(1, WAIT);
            // Every block was queued before its answer left; once the queue is empty and a round has
            // passed since, all six were judged: a second alert would be in the outbox by now.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (alerts.queued() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20); // waiting on the alert thread, bounded by WAIT
            }
            long round = alerts.rounds();
            while (alerts.rounds() < round + 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(alerts.recentDeliveries(10)).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(Delivery.DELIVERED));
            assertThat(receiver.requests()).hasSize(1);
            JsonNode alert = new ObjectMapper().readTree(got.get(0).body());
            assertThat(alert.get("rule").asText()).isEqualTo("serious");
            assertThat(alert.get("device").get("name").asText()).isEqualTo("Kid tablet");
            assertThat(alert.get("names")).extracting(JsonNode::asText).containsExactly("www.adult.example");
            assertThat(alert.get("text").asText()).contains("www.adult.example").doesNotContain("casino")
                    .doesNotContain("other-adult");

            // A device no config entry names: one new-device alert, which names no lookup at all.
            ask(running, STRANGER, "casino.example");
            ask(running, STRANGER, "casino.example");
            JsonNode joined = new ObjectMapper().readTree(receiver.awaitAccepted(2, WAIT).get(1).body());
            assertThat(joined.get("rule").asText()).isEqualTo("new-device");
            assertThat(joined.get("device").get("id").asText()).isEqualTo("ip:" + STRANGER);
            assertThat(joined.get("names")).isEmpty();
            assertThat(joined.toString()).doesNotContain("casino");
        }
    }

    private static void ask(RunningGateway running, String device, String name) throws Exception {
        Dig.Result r = Dig.dig(running.dns(), "-b", device, name, "A", "+tries=1", "+time=5");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("EDE: 15 (Blocked)"); // answered by the policy, never the dead upstream
    }
}
