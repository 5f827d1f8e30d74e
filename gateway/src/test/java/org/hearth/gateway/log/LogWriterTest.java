package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.log.Entries.blocked;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
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
    void aNameIsStoredOnceAndEveryEntryPointsAtIt() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        int distinct = 5_000;
        try (LogWriter writer = new LogWriter(database.openWriter(), ZoneOffset.UTC)) {
            List<BlockedLookup> flood = new ArrayList<>();
            for (int i = 0; i < distinct; i++) {
                flood.add(blocked(t0, "pc", "n" + i + ".example", "adult"));
            }
            // A name twice in one batch, and names from an earlier batch again.
            flood.add(blocked(t0, "tablet", "n1.example", "adult"));
            writer.write(flood, List.of());
            writer.write(List.of(blocked(t0.plusSeconds(1), "pc", "n0.example", "adult"),
                    blocked(t0.plusSeconds(1), "pc", "n" + (distinct - 1) + ".example", "adult")), List.of());
        }
        try (var connection = database.openReader(); Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT count(*) FROM name")).isEqualTo(distinct);
            assertThat(single(statement, "SELECT count(*) FROM blocked")).isEqualTo(distinct + 3);
            assertThat(single(statement, "SELECT count(*) FROM blocked b JOIN name n ON n.id = b.name_id"))
                    .isEqualTo(distinct + 3);
            assertThat(single(statement, "SELECT count(*) FROM blocked b JOIN name n ON n.id = b.name_id"
                    + " WHERE n.name = 'n1.example'")).isEqualTo(2);
        }
        assertThat(new LogQueries(database).blocked(LogFilter.all(), null, 2).entries())
                .extracting(LogEntry::name).containsExactlyInAnyOrder("n0.example", "n" + (distinct - 1) + ".example");
    }

    @Test
    void entriesEitherSideOfMidnightCountOnTheirOwnDays() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        ZoneId paris = ZoneId.of("Europe/Paris");
        Instant beforeMidnight = Instant.parse("2026-11-20T22:59:59Z"); // 23:59:59 in Paris
        try (LogWriter writer = new LogWriter(database.openWriter(), paris)) {
            writer.write(List.of(blocked(beforeMidnight, "pc", "a.example", "adult"),
                    blocked(beforeMidnight.plusSeconds(1), "pc", "b.example", "adult"),
                    blocked(beforeMidnight.plusSeconds(2), "pc", "c.example", "adult")), List.of());
            writer.write(List.of(blocked(beforeMidnight.minusSeconds(60), "pc", "d.example", "adult")), List.of());
        }
        try (var connection = database.openReader(); Statement statement = connection.createStatement()) {
            long nov20 = java.time.LocalDate.of(2026, 11, 20).toEpochDay();
            assertThat(single(statement, "SELECT blocked FROM daily_device WHERE day = " + nov20)).isEqualTo(2);
            assertThat(single(statement, "SELECT blocked FROM daily_device WHERE day = " + (nov20 + 1))).isEqualTo(2);
        }
    }

    private static long single(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery(sql)) {
            return row.getLong(1);
        }
    }
}
