package org.hearth.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.testsupport.CorruptLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests' tables live in hearth.db, which the log's writer may move aside when it finds it corrupt. */
class RequestTableTest {

    @TempDir
    Path dir;

    @Test
    void tablesAreMadeAgainInTheNewFileAfterTheLogMovedACorruptOneAside() throws Exception {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        LogDatabase database = LogDatabase.inDataDir(dir, Clock.fixed(now, ZoneOffset.UTC));
        RequestTable table = new RequestTable(database);
        table.insert("dev-1", "Kid tablet", "kids", "casino.example", "", now);
        CorruptLog.movedAsideByTheWriter(database);
        assertThat(Files.exists(dir.resolve("hearth.db"))).isFalse();

        long id = table.insert("dev-1", "Kid tablet", "kids", "games.example", "", now);
        assertThat(id).as("the first request in a new, empty file").isEqualTo(1);
    }
}
