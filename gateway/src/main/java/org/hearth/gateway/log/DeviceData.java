package org.hearth.gateway.log;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * A family's data rights over one device: export everything the log holds about it (JSON, or CSV for
 * a spreadsheet) and delete it. Exports stream row by row, so a month of entries needs little memory.
 */
public final class DeviceData {

    /** Each table with the query for one device's rows, in export order. */
    private static final List<String[]> TABLES = List.of(
            new String[] {"device", "SELECT id, name, last_seen FROM device WHERE id = ?"},
            new String[] {"blocked", "SELECT id, time, device, device_name, client, profile,"
                    + " (SELECT n.name FROM name n WHERE n.id = blocked.name_id) AS name, qtype, categories,"
                    + " reason, detail, answer FROM blocked WHERE device = ? ORDER BY time, id"},
            new String[] {"allowed", "SELECT id, time, device, device_name, client, profile, name, qtype, answer"
                    + " FROM allowed WHERE device = ? ORDER BY time, id"},
            new String[] {"daily_device", "SELECT device, day, blocked FROM daily_device WHERE device = ? ORDER BY day"},
            new String[] {"daily_category", "SELECT device, day, category, blocked FROM daily_category"
                    + " WHERE device = ? ORDER BY day, category"});

    private static final JsonFactory JSON = new JsonFactory();

    private final LogDatabase database;

    public DeviceData(LogDatabase database) {
        this.database = database;
    }

    /**
     * Writes one JSON object: {"deviceId": ..., "device": [...], "blocked": [...], "allowed": [...],
     * "daily_device": [...], "daily_category": [...]}, each row an object named by its columns.
     * Times are epoch milliseconds, days epoch days, as stored (LOG.md explains the columns).
     */
    public void exportJson(String deviceId, OutputStream out) throws SQLException, IOException {
        try (Connection connection = database.openReader();
                JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("deviceId", deviceId);
            for (String[] table : TABLES) {
                json.writeArrayFieldStart(table[0]);
                try (PreparedStatement statement = connection.prepareStatement(table[1])) {
                    statement.setString(1, deviceId);
                    try (ResultSet rows = statement.executeQuery()) {
                        ResultSetMetaData meta = rows.getMetaData();
                        while (rows.next()) {
                            json.writeStartObject();
                            for (int c = 1; c <= meta.getColumnCount(); c++) {
                                json.writeFieldName(meta.getColumnLabel(c));
                                Object value = rows.getObject(c);
                                if (value instanceof Number n) {
                                    json.writeNumber(n.longValue());
                                } else {
                                    json.writeString(String.valueOf(value));
                                }
                            }
                            json.writeEndObject();
                        }
                    }
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
    }

    /**
     * Writes CSV (RFC 4180): one section per table, each a header line {@code table,column,...}
     * then its rows, sections separated by an empty line. Cells that a spreadsheet would run as a
     * formula get a leading apostrophe, because a DNS name may start with "=" or "@".
     */
    public void exportCsv(String deviceId, Writer out) throws SQLException, IOException {
        try (Connection connection = database.openReader()) {
            boolean first = true;
            for (String[] table : TABLES) {
                if (!first) {
                    out.write("\r\n");
                }
                first = false;
                try (PreparedStatement statement = connection.prepareStatement(table[1])) {
                    statement.setString(1, deviceId);
                    try (ResultSet rows = statement.executeQuery()) {
                        ResultSetMetaData meta = rows.getMetaData();
                        out.write("table");
                        for (int c = 1; c <= meta.getColumnCount(); c++) {
                            out.write(',');
                            out.write(meta.getColumnLabel(c));
                        }
                        out.write("\r\n");
                        while (rows.next()) {
                            out.write(table[0]);
                            for (int c = 1; c <= meta.getColumnCount(); c++) {
                                out.write(',');
                                boolean number = meta.getColumnType(c) == Types.INTEGER;
                                String value = rows.getString(c);
                                out.write(number ? String.valueOf(value) : cell(value));
                            }
                            out.write("\r\n");
                        }
                    }
                }
            }
            out.flush();
        }
    }

    /** Deletes a device's rows from every table in one transaction; returns rows deleted. */
    static long delete(Connection connection, String deviceId) throws SQLException {
        String[] statements = {
            "DELETE FROM blocked_category WHERE entry IN (SELECT id FROM blocked WHERE device = ?)",
            "DELETE FROM blocked WHERE device = ?",
            "DELETE FROM allowed WHERE device = ?",
            "DELETE FROM daily_device WHERE device = ?",
            "DELETE FROM daily_category WHERE device = ?",
            "DELETE FROM device WHERE id = ?"};
        // Names only this device looked up would otherwise stay in the name table.
        return WriteTransaction.run(connection, () -> {
            long deleted = 0;
            for (String sql : statements) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setString(1, deviceId);
                    deleted += statement.executeUpdate();
                }
            }
            return deleted + LogPruner.deleteUnusedNames(connection);
        });
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || !text.equals(value)) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
