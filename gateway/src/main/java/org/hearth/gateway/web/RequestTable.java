package org.hearth.gateway.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.policy.TemporaryAllow;

/**
 * The unblock requests and the temporary allows they led to, in hearth.db beside the log (so both
 * survive a restart and a backup of the data folder takes them along). Each call opens its own
 * connection, as the audit trail does: a few calls a day, never on the DNS path.
 */
final class RequestTable {

    private static final List<String> SCHEMA = List.of(
            """
            CREATE TABLE IF NOT EXISTS unblock_request (
              id INTEGER PRIMARY KEY,
              created INTEGER NOT NULL,
              device TEXT NOT NULL,
              device_name TEXT NOT NULL,
              profile TEXT NOT NULL,
              domain TEXT NOT NULL,
              message TEXT NOT NULL,
              status TEXT NOT NULL,
              reply TEXT NOT NULL,
              until INTEGER,
              decided_by TEXT)""",
            // The child's page and the rate limit read one device's recent rows.
            "CREATE INDEX IF NOT EXISTS unblock_request_device ON unblock_request(device, created)",
            """
            CREATE TABLE IF NOT EXISTS temporary_allow (
              id INTEGER PRIMARY KEY,
              request INTEGER NOT NULL,
              domain TEXT NOT NULL,
              device TEXT,
              profile TEXT,
              until INTEGER NOT NULL)""");
    private static final String COLUMNS = "id, device, device_name, profile, domain, message, created, status, reply,"
            + " until, decided_by";

    private final LogDatabase database;
    /**
     * The file's generation in which the tables were made, -1 before; until then every call tries to
     * create them (a data folder may heal), and again after the log moved a corrupt file aside.
     */
    private volatile long createdIn = -1;

    RequestTable(LogDatabase database) {
        this.database = database;
    }

    /** A connection to hearth.db with the tables in place. */
    private Connection open() throws SQLException {
        long generation = database.generation();
        if (createdIn == generation) {
            return database.openSideWriter();
        }
        Connection connection = database.openSideWriter(SCHEMA);
        createdIn = generation;
        return connection;
    }

    long insert(String device, String deviceName, String profile, String domain, String message, Instant created)
            throws SQLException {
        try (Connection connection = open();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO unblock_request (created, device,"
                        + " device_name, profile, domain, message, status, reply) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
                        Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, created.toEpochMilli());
            insert.setString(2, device);
            insert.setString(3, deviceName);
            insert.setString(4, profile);
            insert.setString(5, domain);
            insert.setString(6, message);
            insert.setString(7, UnblockRequest.Status.PENDING.id());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    Optional<UnblockRequest> find(long id) throws SQLException {
        List<UnblockRequest> found = select("WHERE id = ?", List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Newest first; pending only, or all of them. */
    List<UnblockRequest> list(boolean pendingOnly, int limit) throws SQLException {
        return pendingOnly
                ? select("WHERE status = ? ORDER BY id DESC LIMIT ?", List.of(UnblockRequest.Status.PENDING.id(), limit))
                : select("ORDER BY id DESC LIMIT ?", List.of(limit));
    }

    /** One device's requests made at or after {@code since}, newest first. */
    List<UnblockRequest> ofDevice(String device, Instant since, int limit) throws SQLException {
        return select("WHERE device = ? AND created >= ? ORDER BY created DESC, id DESC LIMIT ?",
                List.of(device, since.toEpochMilli(), limit));
    }

    int countSince(String device, Instant since) throws SQLException {
        try (Connection connection = open();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM unblock_request WHERE device = ? AND created >= ?")) {
            count.setString(1, device);
            count.setLong(2, since.toEpochMilli());
            try (ResultSet rows = count.executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        }
    }

    /**
     * Records the decision on a pending request and, for a temporary approval, its allow, in one
     * transaction.
     *
     * @param allow the allow to add (its id is ignored), or null
     * @return false when the request was no longer pending (decided meanwhile); nothing changed then
     */
    boolean decide(long id, UnblockRequest.Status status, String reply, Instant until, String who,
            TemporaryAllow allow) throws SQLException {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("UPDATE unblock_request SET status = ?,"
                    + " reply = ?, until = ?, decided_by = ? WHERE id = ? AND status = ?")) {
                update.setString(1, status.id());
                update.setString(2, reply);
                if (until == null) {
                    update.setNull(3, Types.INTEGER);
                } else {
                    update.setLong(3, until.toEpochMilli());
                }
                update.setString(4, who);
                update.setLong(5, id);
                update.setString(6, UnblockRequest.Status.PENDING.id());
                if (update.executeUpdate() != 1) {
                    connection.rollback();
                    return false;
                }
            }
            if (allow != null) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO temporary_allow (request, domain, device, profile, until) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setLong(1, id);
                    insert.setString(2, allow.domain());
                    insert.setString(3, allow.deviceId());
                    insert.setString(4, allow.profile());
                    insert.setLong(5, allow.until().toEpochMilli());
                    insert.executeUpdate();
                }
            }
            connection.commit();
            return true;
        }
    }

    /** The allows that have not ended at {@code now}, soonest end first. */
    List<TemporaryAllow> liveAllows(Instant now) throws SQLException {
        try (Connection connection = open();
                PreparedStatement select = connection.prepareStatement("SELECT id, domain, device, profile, until"
                        + " FROM temporary_allow WHERE until > ? ORDER BY until, id")) {
            select.setLong(1, now.toEpochMilli());
            List<TemporaryAllow> allows = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    allows.add(new TemporaryAllow(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), Instant.ofEpochMilli(rows.getLong(5))));
                }
            }
            return allows;
        }
    }

    /** @return whether an allow with this id existed */
    boolean deleteAllow(long id) throws SQLException {
        try (Connection connection = open();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM temporary_allow WHERE id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() == 1;
        }
    }

    /** Forgets allows that ended and requests older than {@code requestsBefore}. */
    void prune(Instant now, Instant requestsBefore) throws SQLException {
        try (Connection connection = open();
                PreparedStatement allows = connection.prepareStatement("DELETE FROM temporary_allow WHERE until <= ?");
                PreparedStatement requests = connection.prepareStatement("DELETE FROM unblock_request WHERE created < ?")) {
            allows.setLong(1, now.toEpochMilli());
            allows.executeUpdate();
            requests.setLong(1, requestsBefore.toEpochMilli());
            requests.executeUpdate();
        }
    }

    private List<UnblockRequest> select(String where, List<Object> parameters) throws SQLException {
        try (Connection connection = open();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM unblock_request " + where)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<UnblockRequest> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long until = rows.getLong(10);
                    boolean noUntil = rows.wasNull();
                    found.add(new UnblockRequest(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6),
                            Instant.ofEpochMilli(rows.getLong(7)),
                            UnblockRequest.Status.valueOf(rows.getString(8).toUpperCase(java.util.Locale.ROOT)),
                            rows.getString(9), noUntil ? null : Instant.ofEpochMilli(until), rows.getString(11)));
                }
            }
            return found;
        }
    }
}
