package org.hearth.gateway.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hearth.gateway.log.LogDatabase;

/**
 * The alerts waiting to go out, in hearth.db beside the log: one row per alert and channel, so each
 * channel retries on its own and a restart resumes where the last run stopped. An alert's key is
 * unique per channel, so the same alert is never queued twice; a row is marked delivered once the
 * channel accepted it. The writer connection belongs to the alert thread; {@link #recent} reads on
 * a connection of its own, from any thread.
 */
final class Outbox implements AutoCloseable {

    private static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE IF NOT EXISTS alert_outbox (
              id INTEGER PRIMARY KEY,
              alert_key TEXT NOT NULL,
              channel TEXT NOT NULL,
              idempotency_key TEXT NOT NULL,
              rule TEXT NOT NULL,
              device TEXT NOT NULL,
              title TEXT NOT NULL,
              payload TEXT NOT NULL,
              created INTEGER NOT NULL,
              next_attempt INTEGER NOT NULL,
              attempts INTEGER NOT NULL,
              status TEXT NOT NULL,
              last_error TEXT,
              delivered INTEGER,
              UNIQUE (alert_key, channel))""",
            "CREATE INDEX IF NOT EXISTS alert_outbox_due ON alert_outbox(status, next_attempt)",
            "CREATE INDEX IF NOT EXISTS alert_outbox_created ON alert_outbox(created)");

    /** A delivery whose time has come. */
    record Pending(long id, String channel, String idempotencyKey, int attempts, Alert alert) {}

    private final LogDatabase database;
    private final Connection writer;
    /** The file's generation this connection belongs to: see {@link #stale()}. */
    private final long generation;

    private Outbox(LogDatabase database, Connection writer, long generation) {
        this.database = database;
        this.writer = writer;
        this.generation = generation;
    }

    /** True once the log moved hearth.db aside (found corrupt): this connection holds the old file. */
    boolean stale() {
        return database.generation() != generation;
    }

    /** Opens hearth.db for the alert thread and creates the outbox table when it is not there yet. */
    static Outbox open(LogDatabase database) throws SQLException {
        long generation = database.generation();
        return new Outbox(database, database.openSideWriter(SCHEMA), generation);
    }

    /**
     * Queues {@code alert} for each channel, due at {@code notBefore}.
     *
     * @return how many deliveries were queued: 0 when an alert with this key was queued before
     */
    int enqueue(Alert alert, List<String> channels, Instant notBefore) throws SQLException {
        String payload;
        try {
            payload = AlertJson.MAPPER.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new SQLException("alert " + alert.key() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        int queued = 0;
        writer.setAutoCommit(false);
        try (PreparedStatement insert = writer.prepareStatement("INSERT OR IGNORE INTO alert_outbox (alert_key,"
                + " channel, idempotency_key, rule, device, title, payload, created, next_attempt, attempts, status)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            for (String channel : channels) {
                insert.setString(1, alert.key());
                insert.setString(2, channel);
                insert.setString(3, UUID.randomUUID().toString());
                insert.setString(4, alert.rule().id());
                insert.setString(5, alert.deviceId());
                insert.setString(6, alert.title());
                insert.setString(7, payload);
                insert.setLong(8, alert.time().toEpochMilli());
                insert.setLong(9, notBefore.toEpochMilli());
                insert.setString(10, Delivery.PENDING);
                queued += insert.executeUpdate();
            }
            writer.commit();
        } catch (SQLException e) {
            writer.rollback();
            throw e;
        } finally {
            writer.setAutoCommit(true);
        }
        return queued;
    }

    /** Pending deliveries due at {@code now}, oldest first. */
    List<Pending> due(Instant now, int limit) throws SQLException {
        List<Pending> due = new ArrayList<>();
        try (PreparedStatement select = writer.prepareStatement("SELECT id, channel, idempotency_key, attempts,"
                + " payload FROM alert_outbox WHERE status = ? AND next_attempt <= ? ORDER BY next_attempt, id"
                + " LIMIT ?")) {
            select.setString(1, Delivery.PENDING);
            select.setLong(2, now.toEpochMilli());
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Alert alert;
                    try {
                        alert = AlertJson.MAPPER.readValue(rows.getString(5), Alert.class);
                    } catch (JsonProcessingException e) {
                        // Written by this class; unreadable means a damaged row, which would block the queue.
                        failed(rows.getLong(1), rows.getInt(4), "unreadable alert: " + e.getOriginalMessage());
                        continue;
                    }
                    due.add(new Pending(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getInt(4), alert));
                }
            }
        }
        return due;
    }

    void delivered(long id, int attempts, Instant now) throws SQLException {
        update("UPDATE alert_outbox SET status = ?, attempts = ?, delivered = ?, last_error = NULL WHERE id = ?",
                Delivery.DELIVERED, attempts, now.toEpochMilli(), id);
    }

    void retry(long id, int attempts, Instant next, String error) throws SQLException {
        update("UPDATE alert_outbox SET attempts = ?, next_attempt = ?, last_error = ? WHERE id = ?",
                attempts, next.toEpochMilli(), error, id);
    }

    void failed(long id, int attempts, String error) throws SQLException {
        update("UPDATE alert_outbox SET status = ?, attempts = ?, last_error = ? WHERE id = ?",
                Delivery.FAILED, attempts, error, id);
    }

    /** Deletes finished deliveries created before {@code before}; pending ones stay. */
    int prune(Instant before) throws SQLException {
        try (PreparedStatement delete = writer.prepareStatement(
                "DELETE FROM alert_outbox WHERE created < ? AND status <> ?")) {
            delete.setLong(1, before.toEpochMilli());
            delete.setString(2, Delivery.PENDING);
            return delete.executeUpdate();
        }
    }

    /** Deletes every delivery raised by one device, pending or not: its data is being deleted. */
    int deleteDevice(String deviceId) throws SQLException {
        try (PreparedStatement delete = writer.prepareStatement("DELETE FROM alert_outbox WHERE device = ?")) {
            delete.setString(1, deviceId);
            return delete.executeUpdate();
        }
    }

    /** The newest deliveries first, on a read-only connection of its own. */
    List<Delivery> recent(int limit) throws SQLException {
        try (Connection reader = database.openReader();
                PreparedStatement select = reader.prepareStatement("SELECT id, rule, device, channel, title, created,"
                        + " status, attempts, next_attempt, last_error, delivered FROM alert_outbox"
                        + " ORDER BY created DESC, id DESC LIMIT ?")) {
            select.setInt(1, limit);
            List<Delivery> list = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long delivered = rows.getLong(11);
                    boolean none = rows.wasNull();
                    list.add(new Delivery(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), Instant.ofEpochMilli(rows.getLong(6)), rows.getString(7),
                            rows.getInt(8), Instant.ofEpochMilli(rows.getLong(9)), rows.getString(10),
                            none ? null : Instant.ofEpochMilli(delivered)));
                }
            }
            return list;
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = writer.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        writer.close();
    }
}
