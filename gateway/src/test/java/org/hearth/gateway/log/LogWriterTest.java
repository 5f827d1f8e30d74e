package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.log.Entries.blocked;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWriterTest {

    @TempDir
    Path dir;

    private final Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
    private final Clock clock = Clock.fixed(t0, ZoneOffset.UTC);

    @Test
    void aFloodOfDistinctNamesIsRememberedOnlyUpToTheBoundAndEveryEntryKeepsItsName() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        int distinct = LogWriter.NAME_IDS_KEPT * 2 + 7;
        try (LogWriter writer = new LogWriter(database.openWriter(), ZoneOffset.UTC)) {
            List<BlockedLookup> flood = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                flood.add(blocked(t0, "pc", "n" + i + ".example", "adult"));
            }
            writer.write(flood, List.of());
            assertThat(writer.rememberedNames()).isEqualTo(LogWriter.NAME_IDS_KEPT);

            // n0 fell out of memory long ago: it must get the id it already has, not a new row.
            writer.write(List.of(blocked(t0.plusSeconds(1), "pc", "n0.example", "adult"),
                    blocked(t0.plusSeconds(1), "pc", "n" + (distinct - 1) + ".example", "adult")), List.of());
            assertThat(writer.rememberedNames()).isEqualTo(LogWriter.NAME_IDS_KEPT);
        }
        try (var connection = database.openReader(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT count(*) FROM name")).isEqualTo(distinct);
            assertThat(single(statement, "SELECT count(*) FROM blocked")).isEqualTo(distinct + 2);
            // Every entry points at the name it was written with.
            assertThat(single(statement, "SELECT count(*) FROM blocked b JOIN name n ON n.id = b.name_id")).isEqualTo(distinct + 2);
        }
        assertThat(new LogQueries(database).blocked(LogFilter.all(), null, 2).entries())
                .extracting(LogEntry::name).containsExactlyInAnyOrder("n0.example", "n" + (distinct - 1) + ".example");
    }

    private static long single(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.getLong(1);
        }
    }
}
