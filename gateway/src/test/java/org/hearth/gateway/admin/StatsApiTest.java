package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.BlockReason;
import org.hearth.gateway.log.BlockedLookup;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's statistics from a real hearth.db, in the box's time zone, over real HTTP. */
class StatsApiTest {

    /** 01:30 on 29 November in Phnom Penh: still the 28th in UTC, so a day boundary in the wrong zone shows. */
    private static final Instant NOW = Instant.parse("2026-11-28T18:30:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Phnom_Penh");

    @TempDir
    Path dir;

    @Test
    void dailyCountsPerCategoryAndTodayPerDeviceAndCategory() throws Exception {
        Clock clock = Clock.fixed(NOW, ZONE);
        LogDatabase database = LogDatabase.inDataDir(dir, clock);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            for (int i = 0; i < 3; i++) {
                log.offer(lookup(NOW.minusSeconds(60L * i), "tablet", "Kid tablet", "casino" + i + ".example",
                        List.of("gambling")));
            }
            log.offer(lookup(NOW, "laptop", "Lab laptop", "chat.example", List.of("chat", "dating")));
            // 23:00 the day before in Phnom Penh (16:00 UTC the 28th): yesterday, not today.
            log.offer(lookup(Instant.parse("2026-11-28T16:00:00Z"), "tablet", "Kid tablet", "adult.example",
                    List.of("adult")));
            log.offer(lookup(NOW.minus(Duration.ofDays(10)), "tablet", "Kid tablet", "old.example", List.of("adult")));
            log.offer(lookup(NOW.minus(Duration.ofDays(40)), "tablet", "Kid tablet", "older.example", List.of("adult")));
            log.flush(Duration.ofSeconds(20));
        }
        try (AdminServer server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dir,
                new AdminSources(new LogQueries(database), List::of, new Pauses(), clock, null, null, null, null, null, null),
                ConfigBackedAdmin.FAST, new ManualTicker())) {
            AdminClient browser = new AdminClient(server.addresses().get(0));
            String code = Files.readString(dir.resolve(SetupCode.FILE_NAME)).strip();
            browser.post("/api/setup", "{\"code\":\"" + code + "\",\"password\":\"a good password\"}");
            ObjectMapper json = new ObjectMapper();

            JsonNode days = json.readTree(browser.get("/api/stats/daily").body()).path("days");
            assertThat(days).hasSize(30);
            assertThat(days.get(29).path("date").asText()).isEqualTo("2026-11-29");
            assertThat(days.get(29).path("blocked").asLong()).isEqualTo(4);
            assertThat(days.get(29).path("byCategory").path("gambling").asLong()).isEqualTo(3);
            assertThat(days.get(29).path("byCategory").path("dating").asLong()).isEqualTo(1);
            assertThat(days.get(28).path("date").asText()).isEqualTo("2026-11-28");
            assertThat(days.get(28).path("byCategory").path("adult").asLong()).isEqualTo(1);
            assertThat(days.get(19).path("blocked").asLong()).as("ten days ago").isEqualTo(1);
            assertThat(days.get(0).path("date").asText()).isEqualTo("2026-10-31");
            long total = 0;
            for (JsonNode day : days) {
                total += day.path("blocked").asLong();
            }
            assertThat(total).as("40 days ago is outside the 30").isEqualTo(6);
            assertThat(json.readTree(browser.get("/api/stats/daily?days=45").body()).path("days")).hasSize(45);
            assertThat(browser.get("/api/stats/daily?days=0").statusCode()).isEqualTo(400);
            assertThat(browser.get("/api/stats/daily?days=x").statusCode()).isEqualTo(400);

            JsonNode today = json.readTree(browser.get("/api/stats/today").body());
            assertThat(today.path("date").asText()).isEqualTo("2026-11-29");
            assertThat(today.path("byDevice").toString()).isEqualTo("[{\"device\":\"tablet\",\"name\":\"Kid tablet\","
                    + "\"blocked\":3},{\"device\":\"laptop\",\"name\":\"Lab laptop\",\"blocked\":1}]");
            assertThat(today.path("byCategory").toString()).isEqualTo("[{\"category\":\"gambling\",\"blocked\":3},"
                    + "{\"category\":\"chat\",\"blocked\":1},{\"category\":\"dating\",\"blocked\":1}]");
        }
    }

    private static BlockedLookup lookup(Instant time, String device, String name, String domain, List<String> categories) {
        return new BlockedLookup(time, device, name, "192.168.1.23", "kids", domain, 1, categories, BlockReason.LIST,
                "ut1-" + categories.get(0), "0.0.0.0");
    }
}
