package org.hearth.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hearth.gateway.config.AlertDeliveryConfig;
import org.hearth.gateway.config.AlertRuleConfig;
import org.hearth.gateway.config.AlertsConfig;
import org.hearth.gateway.config.QuietHoursConfig;
import org.hearth.gateway.config.WebhookAlertConfig;
import org.hearth.gateway.config.WeeklySummaryConfig;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.policy.Decision;
import org.hearth.gateway.policy.Reason;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Transport;
import org.hearth.gateway.testsupport.HttpReceiver;
import org.hearth.gateway.testsupport.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert service over a real hearth.db and a real HTTP receiver on loopback, with a clock the test
 * moves and rounds the test runs by hand ({@link Alerts#tick}).
 */
class AlertsTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Phnom_Penh");
    /** Wednesday 2026-11-25 12:00 local. */
    static final Instant NOON = Instant.parse("2026-11-25T05:00:00Z");

    @TempDir
    Path dir;
    private HttpReceiver receiver;
    private LogDatabase database;
    private final MovableClock clock = new MovableClock(NOON, ZONE);

    @BeforeEach
    void start() throws Exception {
        receiver = HttpReceiver.start();
        database = LogDatabase.inDataDir(dir, clock);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private AlertsConfig config(QuietHoursConfig quiet, WeeklySummaryConfig weekly) {
        return new AlertsConfig(null, new WebhookAlertConfig(receiver.uri("/hook/s3cret").toString()), null, quiet,
                null, null, new AlertRuleConfig(null, 2, Duration.ofMinutes(10), null, null), null,
                weekly == null ? new WeeklySummaryConfig(false, null, null) : weekly,
                new AlertDeliveryConfig(3, Duration.ofSeconds(30)));
    }

    static QueryContext query(String client, String name) {
        return new QueryContext(1, Question.of(name, 1), true, false, null, new InetSocketAddress(client, 40000),
                new InetSocketAddress("127.0.0.1", 53), Transport.UDP, 0, null);
    }

    static Decision.Blocked blocked(String device, String name, String... categories) {
        return new Decision.Blocked(name, new ClientIdentity(device, "Kid tablet", "kids"),
                new Reason(Reason.Kind.CATEGORY, List.of(categories), name, null, null, null, null),
                Decision.Response.NXDOMAIN);
    }

    @Test
    void failedWebhookIsRetriedAfterARestartAndDeliveredOnce() throws Exception {
        receiver.answer(500);
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, clock, null, false)) {
            alerts.blocked(query("127.0.0.2", "a.adult.example"), blocked("kid", "a.adult.example", "adult"));
            alerts.blocked(query("127.0.0.2", "b.adult.example"), blocked("kid", "b.adult.example", "adult"));
            alerts.tick();
            assertThat(receiver.requests()).hasSize(1).allMatch(r -> r.status() == 500);
            assertThat(alerts.recentDeliveries(10)).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(Delivery.PENDING);
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastError()).contains("HTTP 500").doesNotContain("s3cret");
                assertThat(d.nextAttempt()).isEqualTo(NOON.plusSeconds(30));
            });
            alerts.tick(); // not due yet: nothing is sent
            assertThat(receiver.requests()).hasSize(1);
        }
        clock.advance(Duration.ofSeconds(30));
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, clock, null, false)) {
            alerts.tick();
            alerts.tick();
            assertThat(alerts.recentDeliveries(10)).singleElement()
                    .satisfies(d -> assertThat(d.status()).isEqualTo(Delivery.DELIVERED));
        }
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, clock, null, false)) {
            clock.advance(Duration.ofHours(2));
            alerts.tick();
        }
        List<HttpReceiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        assertThat(receiver.accepted()).hasSize(1);
        // The retry is recognisably the same delivery.
        assertThat(requests.get(1).headers().get("idempotency-key")).isNotBlank()
                .isEqualTo(requests.get(0).headers().get("idempotency-key"));
        JsonNode body = AlertJson.MAPPER.readTree(requests.get(1).body());
        assertThat(body.get("rule").asText()).isEqualTo("serious");
        assertThat(body.get("device").get("name").asText()).isEqualTo("Kid tablet");
        assertThat(body.get("names")).extracting(JsonNode::asText)
                .containsExactly("a.adult.example", "b.adult.example");
        assertThat(requests.get(1).headers().get("content-type")).isEqualTo("application/json");
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        receiver.answer(500, 503, 502, 500);
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, clock, null, false)) {
            alerts.unblockRequested("kid", "Kid tablet", "scratch.mit.edu", "homework");
            for (int i = 0; i < 6; i++) {
                alerts.tick();
                clock.advance(Duration.ofMinutes(5));
            }
            assertThat(receiver.requests()).hasSize(3);
            assertThat(alerts.recentDeliveries(10)).singleElement().satisfies(d -> {
                assertThat(d.status()).isEqualTo(Delivery.FAILED);
                assertThat(d.attempts()).isEqualTo(3);
            });
        }
    }

    @Test
    void quietHoursHoldAlertsUntilTheyEnd() throws Exception {
        clock.set(Instant.parse("2026-11-25T16:00:00Z")); // 23:00 local
        try (Alerts alerts = Alerts.open(config(new QuietHoursConfig("22:00", "07:00"), null), database, clock,
                null, false)) {
            alerts.unblockRequested("kid", "Kid tablet", "scratch.mit.edu", null);
            alerts.tick();
            clock.advance(Duration.ofHours(7).plusMinutes(59)); // 06:59
            alerts.tick();
            assertThat(receiver.requests()).isEmpty();
            assertThat(alerts.recentDeliveries(1)).singleElement()
                    .satisfies(d -> assertThat(d.nextAttempt()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z")));
            clock.advance(Duration.ofMinutes(1)); // 07:00
            alerts.tick();
            assertThat(receiver.accepted()).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("scratch.mit.edu"));
        }
    }

    @Test
    void quietHoursCanDropARule() throws Exception {
        clock.set(Instant.parse("2026-11-25T16:00:00Z")); // 23:00 local
        AlertsConfig base = config(new QuietHoursConfig("22:00", "07:00"), null);
        AlertsConfig dropping = new AlertsConfig(null, base.webhook(), null, base.quietHours(),
                new AlertRuleConfig(null, null, null, null, AlertsConfig.DROP), null, null, null, base.weeklySummary(),
                null);
        try (Alerts alerts = Alerts.open(dropping, database, clock, null, false)) {
            alerts.unblockRequested("kid", "Kid tablet", "scratch.mit.edu", null);
            alerts.tick();
            clock.advance(Duration.ofHours(9));
            alerts.tick();
            assertThat(receiver.requests()).isEmpty();
            assertThat(alerts.recentDeliveries(10)).isEmpty();
        }
    }

    @Test
    void newDeviceIsAlertedOnceEvenAcrossRestarts() throws Exception {
        org.hearth.gateway.policy.SeenDevice phone = new org.hearth.gateway.policy.SeenDevice("ip:192.168.1.77",
                NOON, NOON, "192.168.1.77", null, "phone");
        for (int run = 0; run < 2; run++) {
            try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, clock, null, false)) {
                alerts.deviceFirstSeen(phone);
                alerts.tick();
            }
        }
        assertThat(receiver.accepted()).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("new-device", "192.168.1.77"));
    }

    @Test
    void canaryHitsFromThePolicyCountAsBypassAttempts() throws Exception {
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, clock, null, false)) {
            Decision.Blocked canary = new Decision.Blocked("use-application-dns.net",
                    new ClientIdentity("kid", "Kid tablet", "kids"),
                    Reason.rule(Reason.Kind.CANARY, "use-application-dns.net"), Decision.Response.NXDOMAIN);
            for (int i = 0; i < 4; i++) {
                alerts.blocked(query("127.0.0.2", "use-application-dns.net"), canary);
            }
            alerts.tick();
            assertThat(receiver.accepted()).isEmpty(); // the default bypass threshold is 5
            alerts.blocked(query("127.0.0.2", "use-application-dns.net"), canary);
            alerts.tick();
            assertThat(receiver.accepted()).singleElement().satisfies(r -> {
                assertThat(r.body()).contains("\"rule\":\"bypass\"", "use-application-dns.net");
                assertThat(r.headers().get("idempotency-key")).isNotBlank();
            });
        }
    }

    @Test
    void applyingANewSectionSwitchesChannelsAndAnEqualOneKeepsTheWindows() throws Exception {
        AlertsConfig first = config(QuietHoursConfig.NONE, null);
        try (HttpReceiver other = HttpReceiver.start();
                Alerts alerts = Alerts.open(first, database, clock, null, false)) {
            alerts.blocked(query("127.0.0.2", "a.adult.example"), blocked("kid", "a.adult.example", "adult"));
            alerts.tick();
            alerts.apply(config(QuietHoursConfig.NONE, null)); // equal: the one counted event stays counted
            alerts.blocked(query("127.0.0.2", "b.adult.example"), blocked("kid", "b.adult.example", "adult"));
            alerts.tick();
            assertThat(receiver.accepted()).hasSize(1);
            alerts.apply(new AlertsConfig(null, new WebhookAlertConfig(other.uri("/new").toString()), null, null,
                    null, null, first.serious(), null, first.weeklySummary(), null));
            alerts.unblockRequested("kid", "Kid tablet", "scratch.mit.edu", null);
            alerts.tick();
            assertThat(other.accepted()).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("scratch.mit.edu"));
            assertThat(receiver.accepted()).hasSize(1);
            // Deleting the device's data deletes the alerts it raised.
            assertThat(alerts.deleteDevice("kid")).isEqualTo(2);
            assertThat(alerts.recentDeliveries(10)).isEmpty();
        }
    }

    @Test
    void anUnopenableDatabaseDelaysAlertsButNeverFailsTheStart() throws Exception {
        Path blocker = dir.resolve("data");
        java.nio.file.Files.writeString(blocker, "a file where the data folder should be");
        LogDatabase unreachable = LogDatabase.inDataDir(blocker, clock);
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), unreachable, clock, null, false)) {
            alerts.unblockRequested("kid", "Kid tablet", "scratch.mit.edu", null);
            alerts.tick();
            assertThat(alerts.queued()).isEqualTo(1); // kept for later, not lost
            assertThat(alerts.recentDeliveries(10)).isEmpty();
            java.nio.file.Files.delete(blocker);
            java.nio.file.Files.createDirectories(blocker);
            alerts.tick();
            assertThat(alerts.queued()).as("retried only after a while").isEqualTo(1);
            clock.advance(Duration.ofSeconds(30));
            alerts.tick();
            assertThat(alerts.queued()).isZero();
            assertThat(receiver.accepted()).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("scratch.mit.edu"));
        }
    }

    @Test
    void finishedDeliveriesAreDeletedWithTheLogsRetentionAndPendingOnesStay() throws Exception {
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, Duration.ofDays(7), clock,
                null, false)) {
            alerts.unblockRequested("kid", "Kid tablet", "scratch.mit.edu", null);
            alerts.tick();
            receiver.answer(500, 500, 500, 500, 500, 500, 500, 500);
            clock.advance(Duration.ofDays(3));
            alerts.unblockRequested("kid", "Kid tablet", "code.org", null);
            alerts.tick();
            assertThat(alerts.recentDeliveries(10)).extracting(Delivery::status)
                    .containsExactly(Delivery.PENDING, Delivery.DELIVERED);
            clock.advance(Duration.ofDays(5)); // the delivered one is 8 days old: past the 7 days
            alerts.tick();
            assertThat(alerts.recentDeliveries(10)).extracting(Delivery::title)
                    .containsExactly("Hearth: Kid tablet asks to unblock code.org");
        }
    }

    @Test
    void blocksOutsideTheRulesAreNotEvenQueued() throws Exception {
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, clock, null, false)) {
            for (int i = 0; i < 10; i++) {
                alerts.blocked(query("127.0.0.2", "casino.example"), blocked("kid", "casino.example", "gambling"));
            }
            alerts.tick();
            assertThat(alerts.queued()).isZero();
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void configAndTestAlertNeverShowTheSecret() throws Exception {
        try (Alerts alerts = Alerts.open(config(QuietHoursConfig.NONE, null), database, clock, null, false)) {
            assertThat(alerts.redactedConfig().webhook().url()).doesNotContain("s3cret")
                    .isEqualTo("http://127.0.0.1:" + receiver.uri("/").getPort() + "/" + AlertsConfig.SECRET);
            assertThat(alerts.sendTest()).singleElement()
                    .isEqualTo(new Alerts.TestResult("webhook", true, null));
            assertThat(receiver.accepted()).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("\"rule\":\"test\""));
        }
    }
}
