package org.hearth.gateway.manage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.log.LogDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who changed what, and when: every change made through the admin page (and every approval of a
 * child's request) leaves a row in hearth.db's {@code audit} table. Rows are kept for
 * {@link #RETENTION}, apart from the blocked-lookup log's own retention: a parent may want to know
 * in spring who unblocked a site in winter.
 */
public final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    /** Long enough for a school year; short enough that the table stays small on a box. */
    public static final Duration RETENTION = Duration.ofDays(400);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = """
            CREATE TABLE IF NOT EXISTS audit (
                id INTEGER PRIMARY KEY,
                time INTEGER NOT NULL,
                who TEXT NOT NULL,
                action TEXT NOT NULL,
                changes TEXT NOT NULL
            )""";

    /**
     * One change.
     *
     * @param who the signed-in user (or "config file" and the like for changes not made on the page)
     * @param action what the user did, in words ("assigned device", "approved request")
     * @param changes each changed config key with its old and new value, secrets masked
     */
    public record Entry(long id, Instant time, String who, String action, List<String> changes) {}

    private final LogDatabase database;
    private final Clock clock;

    public AuditTrail(LogDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Records a change that has already happened. A failure to record (a full disk, a read-only
     * folder) does not undo the change: it is logged with the change itself, so the trail survives in
     * the gateway's log.
     *
     * @return whether the row was written
     */
    public synchronized boolean record(String who, String action, List<String> changes) {
        try (Connection connection = database.openSideWriter(List.of(CREATE))) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO audit (time, who, action, changes) VALUES (?, ?, ?, ?)")) {
                insert.setLong(1, clock.millis());
                insert.setString(2, who);
                insert.setString(3, action);
                insert.setString(4, JSON.writeValueAsString(changes));
                insert.executeUpdate();
            }
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM audit WHERE time < ?")) {
                prune.setLong(1, clock.instant().minus(RETENTION).toEpochMilli());
                prune.executeUpdate();
            }
            LOG.info("audit: {} {} {}", who, action, changes);
            return true;
        } catch (SQLException | JsonProcessingException e) {
            LOG.error("audit trail not written ({}): {} {} {}", e.getMessage(), who, action, changes);
            return false;
        }
    }

    /** The most recent entries first; {@code beforeId} pages back (0: from the newest). */
    public List<Entry> recent(int limit, long beforeId) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Connection connection = database.openSideWriter(List.of(CREATE))) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, time, who, action, changes FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?")) {
                select.setLong(1, beforeId <= 0 ? Long.MAX_VALUE : beforeId);
                select.setInt(2, Math.max(1, limit));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new Entry(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                                rows.getString(4), changes(rows.getString(5))));
                    }
                }
            }
        }
        return entries;
    }

    private static List<String> changes(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
    }
}
