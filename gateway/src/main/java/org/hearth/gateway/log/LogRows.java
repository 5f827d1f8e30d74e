package org.hearth.gateway.log;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads rows of the {@code blocked} table (aliased {@code b}) into {@link LogEntry} values. */
final class LogRows {

    static final String SELECT = "SELECT b.id, b.time, b.device, b.device_name, b.client, b.profile,"
            + " (SELECT n.name FROM name n WHERE n.id = b.name_id), b.qtype, b.categories, b.reason, b.detail, b.answer";

    private LogRows() {}

    static List<LogEntry> entries(PreparedStatement statement) throws SQLException {
        List<LogEntry> entries = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                entries.add(entry(rows));
            }
        }
        return entries;
    }

    static LogEntry entry(ResultSet rows) throws SQLException {
        String categories = rows.getString(9);
        String name = rows.getString(7);
        return new LogEntry(rows.getLong(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6), name == null ? "" : name, rows.getInt(8),
                categories.isEmpty() ? List.of() : Arrays.asList(categories.split(",")), reason(rows.getString(10)),
                rows.getString(11), rows.getString(12));
    }

    /** A reason written by a newer version reads as OTHER rather than failing the whole view. */
    private static BlockReason reason(String stored) {
        try {
            return BlockReason.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return BlockReason.OTHER;
        }
    }
}
