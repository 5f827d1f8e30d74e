package org.hearth.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.config.LogConfig;

/**
 * Enforces retention: blocked entries past their days or over the size cap (oldest first), allowed
 * entries past their shorter days, aggregates past a year. Works in small steps so the writer can
 * keep committing new entries in between; the clock is injected so tests move time instead of waiting.
 */
final class LogPruner {

    /** Rows deleted per step: small enough that one step holds the write lock for milliseconds. */
    static final int CHUNK = 20_000;

    /** The retention in force: the admin page may change it while the gateway runs. */
    private volatile LogConfig config;
    private final Clock clock;
    private final ZoneId zone;

    LogPruner(LogConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.zone = clock.getZone();
    }

    void retention(LogConfig next) {
        config = next;
    }

    /** Deletes at most a chunk per table; returns how many rows went, 0 when nothing is left to do. */
    long step(Connection connection) throws SQLException {
        return WriteTransaction.run(connection, () -> stepInTransaction(connection));
    }

    private long stepInTransaction(Connection connection) throws SQLException {
        Instant now = clock.instant();
        long deleted = 0;
        long blockedCutoff = now.minus(Duration.ofDays(config.retentionDays())).toEpochMilli();
        deleted += deleteBlockedBefore(connection, blockedCutoff);
        deleted += update(connection, "DELETE FROM allowed WHERE id IN (SELECT id FROM allowed WHERE time < ?"
                + " ORDER BY time LIMIT " + CHUNK + ")",
                now.minus(Duration.ofDays(config.allowedRetentionDays())).toEpochMilli());
        long dayCutoff = LocalDate.ofInstant(now, zone).minusDays(config.aggregateRetentionDays()).toEpochDay();
        deleted += update(connection, "DELETE FROM daily_device WHERE day < ?", dayCutoff);
        deleted += update(connection, "DELETE FROM daily_category WHERE day < ?", dayCutoff);
        if (deleted == 0) {
            deleted += enforceSizeCap(connection);
        }
        return deleted;
    }

    /** Runs steps until nothing is left (bounded: each step removes rows or ends the loop). */
    long pruneAll(Connection connection) throws SQLException {
        long total = 0;
        for (long step = step(connection); step > 0; step = step(connection)) {
            total += step;
        }
        finish(connection);
        return total;
    }

    /**
     * After the last step: gives freed pages back to the file system (auto_vacuum=INCREMENTAL), in
     * transactions of 2 000 pages (8 MiB) so the write lock is never held for long.
     */
    void finish(Connection connection) throws SQLException {
        WriteTransaction.run(connection, () -> deleteUnusedNames(connection));
        try (Statement statement = connection.createStatement()) {
            for (int round = 0; round < 10_000 && single(statement, "PRAGMA freelist_count") > 0; round++) {
                // executeUpdate steps the pragma to the end; execute() would free a single page.
                WriteTransaction.run(connection, () -> statement.executeUpdate("PRAGMA incremental_vacuum(2000)"));
            }
        }
    }

    /** Deletes names no entry uses any more (one index probe per name), in the caller's transaction. */
    static long deleteUnusedNames(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("DELETE FROM name WHERE NOT EXISTS"
                    + " (SELECT 1 FROM blocked b WHERE b.name_id = name.id)");
        }
    }

    /** Bytes the log's pages hold (free pages excluded): what the size cap limits. */
    static long usedBytes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long pageSize = single(statement, "PRAGMA page_size");
            long pages = single(statement, "PRAGMA page_count");
            long free = single(statement, "PRAGMA freelist_count");
            return (pages - free) * pageSize;
        }
    }

    private long enforceSizeCap(Connection connection) throws SQLException {
        long used = usedBytes(connection);
        long cap = config.maxSizeBytes();
        if (used <= cap) {
            return 0;
        }
        // Delete the share of rows that is over the cap, plus 5 % so the next batches have room.
        double share = (double) (used - cap) / used + 0.05;
        long allowedRows;
        long rows;
        try (Statement statement = connection.createStatement()) {
            allowedRows = single(statement, "SELECT count(*) FROM allowed");
            rows = single(statement, "SELECT count(*) FROM blocked");
        }
        // Allowed lookups are optional history: over the cap they go before any blocked entry does.
        if (allowedRows > 0) {
            return update(connection, "DELETE FROM allowed WHERE id IN (SELECT id FROM allowed ORDER BY time LIMIT ?)",
                    Math.max(1, Math.min(CHUNK, (long) Math.ceil(allowedRows * share))));
        }
        if (rows == 0) {
            return 0;
        }
        long count = Math.max(1, Math.min(CHUNK, (long) Math.ceil(rows * share)));
        long cutoff;
        try (PreparedStatement find = connection.prepareStatement(
                "SELECT time FROM blocked ORDER BY time LIMIT 1 OFFSET ?")) {
            find.setLong(1, Math.min(count, rows - 1));
            try (ResultSet result = find.executeQuery()) {
                cutoff = result.next() ? result.getLong(1) : Long.MAX_VALUE;
            }
        }
        // Everything strictly older than the cutoff, or at least the oldest instant when all share it.
        long deleted = deleteBlockedBefore(connection, cutoff);
        if (deleted == 0) {
            deleted = deleteBlockedBefore(connection, cutoff + 1);
        }
        // The names of deleted entries count against the cap too; without this the next step would
        // still be over it and delete entries the cap has room for.
        return deleted + deleteUnusedNames(connection);
    }

    private long deleteBlockedBefore(Connection connection, long cutoff) throws SQLException {
        long deleted = update(connection, "DELETE FROM blocked WHERE id IN (SELECT id FROM blocked WHERE time < ?"
                + " ORDER BY time LIMIT " + CHUNK + ")", cutoff);
        if (deleted == 0) {
            return 0;
        }
        long oldestLeft;
        try (Statement statement = connection.createStatement()) {
            oldestLeft = single(statement, "SELECT coalesce(min(time), " + Long.MAX_VALUE + ") FROM blocked");
        }
        // Category rows of the deleted entries: a range per category, on the primary key.
        for (String category : categories(connection)) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM blocked_category WHERE category = ? AND time < ?")) {
                delete.setString(1, category);
                delete.setLong(2, Math.min(cutoff, oldestLeft));
                delete.executeUpdate();
            }
        }
        return deleted;
    }

    private static List<String> categories(Connection connection) throws SQLException {
        List<String> categories = new ArrayList<>();
        // A skip-scan by hand: one index seek per category instead of reading every category row.
        try (PreparedStatement next = connection.prepareStatement(
                "SELECT category FROM blocked_category WHERE category > ? ORDER BY category LIMIT 1")) {
            String last = "";
            for (int i = 0; i < 10_000; i++) {
                next.setString(1, last);
                try (ResultSet row = next.executeQuery()) {
                    if (!row.next()) {
                        break;
                    }
                    last = row.getString(1);
                    categories.add(last);
                }
            }
        }
        return categories;
    }

    private static long update(Connection connection, String sql, long value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, value);
            return statement.executeUpdate();
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getLong(1) : 0;
        }
    }
}
