package org.hearth.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.testsupport.CorruptLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox keeps a connection to hearth.db, which the log's writer may move aside when it finds it corrupt. */
class AlertPipelineTest {

    @TempDir
    Path dir;

    @Test
    void theOutboxReopensInTheNewFileAfterTheLogMovedACorruptOneAside() throws Exception {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        LogDatabase database = LogDatabase.inDataDir(dir, Clock.fixed(now, ZoneOffset.UTC));
        AlertPipeline pipeline = new AlertPipeline(database, Duration.ofDays(30));
        try {
            assertThat(pipeline.open(now)).isTrue();
            CorruptLog.movedAsideByTheWriter(database);

            assertThat(pipeline.open(now)).isTrue();
            try (Connection connection = database.openReader();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT count(*) FROM sqlite_master WHERE name = 'alert_outbox'")) {
                assertThat(rows.getInt(1)).as("the outbox table, in the new file").isEqualTo(1);
            }
        } finally {
            pipeline.close();
        }
    }
}
