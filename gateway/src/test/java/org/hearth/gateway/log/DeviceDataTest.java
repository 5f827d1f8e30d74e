package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.log.Entries.WAIT;
import static org.hearth.gateway.log.Entries.blocked;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceDataTest {

    @TempDir
    Path dir;

    private final Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
    private final Entries.MutableClock clock = new Entries.MutableClock(t0.plusSeconds(3_600));

    @Test
    void exportHoldsEverythingAboutTheDeviceAndNothingAboutOthers() throws Exception {
        LogDatabase database = filled();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new DeviceData(database).exportJson("tablet", json);
        JsonNode root = new ObjectMapper().readTree(json.toByteArray());
        assertThat(root.get("deviceId").asText()).isEqualTo("tablet");
        assertThat(root.get("device").get(0).get("name").asText()).isEqualTo("Name of tablet");
        assertThat(root.get("blocked")).hasSize(2);
        assertThat(root.get("blocked").get(0).get("name").asText()).isEqualTo("casino.example");
        assertThat(root.get("blocked").get(1).get("name").asText()).isEqualTo("=cmd|calc,\"x\".example");
        assertThat(root.get("blocked").get(0).get("time").asLong()).isEqualTo(t0.toEpochMilli());
        assertThat(root.get("allowed")).hasSize(1);
        assertThat(root.get("daily_device").get(0).get("blocked").asLong()).isEqualTo(2);
        assertThat(root.get("daily_category")).hasSize(2);
        assertThat(json.toString()).doesNotContain("laptop");
    }

    @Test
    void csvExportQuotesAndDisarmsCellsASpreadsheetWouldRun() throws Exception {
        LogDatabase database = filled();
        StringWriter csv = new StringWriter();
        new DeviceData(database).exportCsv("tablet", csv);
        List<String> lines = csv.toString().lines().toList();
        assertThat(lines).contains("table,id,name,last_seen",
                "table,id,time,device,device_name,client,profile,name,qtype,categories,reason,detail,answer");
        assertThat(lines).filteredOn(l -> l.startsWith("blocked,")).hasSize(2);
        assertThat(csv.toString()).contains(",\"'=cmd|calc,\"\"x\"\".example\",");
        assertThat(csv.toString()).doesNotContain("laptop");
        assertThat(DeviceData.cell("plain.example")).isEqualTo("plain.example");
        assertThat(DeviceData.cell("a,b")).isEqualTo("\"a,b\"");
    }

    @Test
    void deletingADeviceRemovesItsEntriesAggregatesAndNameOnly() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        try (BlockLog log = BlockLog.start(database, Entries.config(true), clock)) {
            fill(log);
            // Still queued when the delete is asked for: must not survive it.
            log.offer(blocked(t0.plusSeconds(9), "tablet", "queued.example", "adult"));
            assertThat(log.deleteDevice("tablet", WAIT)).isPositive();
        }
        for (String table : new String[] {"blocked", "allowed", "daily_device", "daily_category", "device"}) {
            String column = table.equals("device") ? "id" : "device";
            assertThat(countWhere(database, table, column, "tablet")).as(table).isZero();
            assertThat(countWhere(database, table, column, "laptop")).as(table).isPositive();
        }
        assertThat(BlockLogTest.count(database, "blocked_category")).isEqualTo(1);
    }

    private LogDatabase filled() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        try (BlockLog log = BlockLog.start(database, Entries.config(true), clock)) {
            fill(log);
            log.flush(WAIT);
        }
        return database;
    }

    private void fill(BlockLog log) {
        log.offer(blocked(t0, "tablet", "casino.example", "gambling"));
        log.offer(blocked(t0.plusSeconds(1), "tablet", "=cmd|calc,\"x\".example", "adult"));
        log.offer(blocked(t0.plusSeconds(2), "laptop", "laptop-only.example", "adult"));
        log.offerAllowed(new AllowedLookup(t0, "tablet", "Name of tablet", "10.0.0.9", "kids", "khanacademy.org", 1,
                "NOERROR"));
        log.offerAllowed(new AllowedLookup(t0, "laptop", "Name of laptop", "10.0.0.8", "kids", "wikipedia.org", 1,
                "NOERROR"));
    }

    private static long countWhere(LogDatabase database, String table, String column, String value) throws Exception {
        try (var connection = database.openReader();
                var statement = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + column
                        + " = ?")) {
            statement.setString(1, value);
            try (var rows = statement.executeQuery()) {
                return rows.getLong(1);
            }
        }
    }
}
