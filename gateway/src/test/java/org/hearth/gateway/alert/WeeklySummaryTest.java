package org.hearth.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hearth.gateway.config.AlertsConfig;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.config.WebhookAlertConfig;
import org.hearth.gateway.config.WeeklySummaryConfig;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.BlockReason;
import org.hearth.gateway.log.BlockedLookup;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.testsupport.HttpReceiver;
import org.hearth.gateway.testsupport.MovableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weekly summary from a real blocked-lookup log: counts by device and category, never names. */
class WeeklySummaryTest {

    /** Wednesday 2026-11-25, 17:59 in Phnom Penh. */
    private static final Instant BEFORE = Instant.parse("2026-11-25T10:59:00Z");

    @TempDir
    Path dir;

    private static BlockedLookup entry(Instant time, String device, String name, String category) {
        return new BlockedLookup(time, device, "Name of " + device, "192.168.1.9", "kids", name, 1,
                List.of(category), BlockReason.LIST, "list", "0.0.0.0");
    }

    @Test
    void sentOnceAtTheConfiguredTimeWithCountsOnly() throws Exception {
        MovableClock clock = new MovableClock(BEFORE, AlertsTest.ZONE);
        LogDatabase database = LogDatabase.inDataDir(dir, clock);
        try (BlockLog log = BlockLog.start(database, new LogConfig(null, null, null, null, null, null,
                Duration.ofMillis(50)), clock)) {
            Instant monday = Instant.parse("2026-11-23T03:00:00Z");
            for (int i = 0; i < 3; i++) {
                log.offer(entry(monday.plusSeconds(i), "kid", "secret-adult-" + i + ".example", "adult"));
            }
            log.offer(entry(monday, "kid", "casino.example", "gambling"));
            log.offer(entry(monday, "teen", "chat.example", "chat"));
            // Eight days before: outside the week, not counted.
            log.offer(entry(monday.minus(Duration.ofDays(8)), "kid", "old.example", "adult"));
            log.flush(Duration.ofSeconds(20));
        }
        try (HttpReceiver receiver = HttpReceiver.start()) {
            AlertsConfig config = new AlertsConfig(null, new WebhookAlertConfig(receiver.uri("/h").toString()), null,
                    null, null, null, null, null, new WeeklySummaryConfig(true, "wed", "18:00"), null);
            try (Alerts alerts = Alerts.open(config, database, clock, null, false)) {
                alerts.tick();
                assertThat(receiver.requests()).isEmpty(); // 17:59: not yet
                clock.advance(Duration.ofMinutes(2));
                alerts.tick();
                clock.advance(Duration.ofHours(3));
                alerts.tick();
            }
            assertThat(receiver.accepted()).hasSize(1);
            String body = receiver.accepted().get(0).body();
            JsonNode summary = AlertJson.MAPPER.readTree(body);
            assertThat(summary.get("rule").asText()).isEqualTo("weekly-summary");
            assertThat(summary.get("title").asText()).contains(LocalDate.of(2026, 11, 19).toString(),
                    LocalDate.of(2026, 11, 25).toString());
            assertThat(summary.get("counts").toString()).contains(
                    "{\"deviceId\":\"kid\",\"deviceName\":\"Name of kid\",\"category\":\"adult\",\"blocked\":3}",
                    "{\"deviceId\":\"kid\",\"deviceName\":\"Name of kid\",\"category\":\"gambling\",\"blocked\":1}",
                    "{\"deviceId\":\"teen\",\"deviceName\":\"Name of teen\",\"category\":\"chat\",\"blocked\":1}");
            assertThat(summary.get("counts")).hasSize(3);
            assertThat(summary.get("text").asText()).contains("Name of kid (kid):", "adult: 3");
            // Counts, not browsing history.
            assertThat(body).doesNotContain("example");
        }
    }

    @Test
    void aSummaryMissedByMoreThanADayIsNotSentLate() {
        WeeklySummary weekly = new WeeklySummary(new WeeklySummaryConfig(true, "sun", "18:00"), AlertsTest.ZONE, null);
        // Sunday 2026-11-22 18:00 local is 11:00Z.
        assertThat(weekly.dueDay(Instant.parse("2026-11-22T10:59:00Z"))).isEmpty();
        assertThat(weekly.dueDay(Instant.parse("2026-11-22T11:00:00Z"))).contains(LocalDate.of(2026, 11, 22));
        assertThat(weekly.dueDay(Instant.parse("2026-11-23T10:59:00Z"))).contains(LocalDate.of(2026, 11, 22));
        assertThat(weekly.dueDay(Instant.parse("2026-11-23T11:00:00Z"))).isEmpty();
    }
}
