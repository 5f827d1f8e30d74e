package org.hearth.gateway.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables of hearth.db's log. Times are epoch milliseconds, days are epoch days in the box's time
 * zone. Indexes are chosen for the views (LOG.md shows their query plans): newest first over all
 * entries, by device, by profile, by category; keyset pages on (time, id).
 */
final class LogSchema {

    static final int VERSION = 1;

    private static final List<String> STATEMENTS = List.of(
            """
            CREATE TABLE IF NOT EXISTS blocked (
              id INTEGER PRIMARY KEY,
              time INTEGER NOT NULL,
              device TEXT NOT NULL,
              device_name TEXT NOT NULL,
              client TEXT NOT NULL,
              profile TEXT NOT NULL,
              name_id INTEGER NOT NULL,
              qtype INTEGER NOT NULL,
              categories TEXT NOT NULL,
              reason TEXT NOT NULL,
              detail TEXT NOT NULL,
              answer TEXT NOT NULL)""",
            // Each blocked name once: a substring search reads this small table, not a month of entries.
            """
            CREATE TABLE IF NOT EXISTS name (
              id INTEGER PRIMARY KEY,
              name TEXT NOT NULL UNIQUE)""",
            "CREATE INDEX IF NOT EXISTS blocked_time ON blocked(time)",
            // id keeps pages in (time, id) order; name_id rides along so a device's top names are
            // counted from the index alone.
            "CREATE INDEX IF NOT EXISTS blocked_device_time ON blocked(device, time, id, name_id)",
            "CREATE INDEX IF NOT EXISTS blocked_name_time ON blocked(name_id, time)",
            "CREATE INDEX IF NOT EXISTS blocked_profile_time ON blocked(profile, time)",
            // One row per (entry, category): the category view walks this newest first without
            // scanning entries of other categories. Time is copied so pruning is a range delete.
            """
            CREATE TABLE IF NOT EXISTS blocked_category (
              category TEXT NOT NULL,
              time INTEGER NOT NULL,
              entry INTEGER NOT NULL,
              PRIMARY KEY (category, time, entry)) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS allowed (
              id INTEGER PRIMARY KEY,
              time INTEGER NOT NULL,
              device TEXT NOT NULL,
              device_name TEXT NOT NULL,
              client TEXT NOT NULL,
              profile TEXT NOT NULL,
              name TEXT NOT NULL,
              qtype INTEGER NOT NULL,
              answer TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS allowed_time ON allowed(time)",
            "CREATE INDEX IF NOT EXISTS allowed_device_time ON allowed(device, time)",
            // Daily aggregates hold no names, so they may be kept a year for charts.
            """
            CREATE TABLE IF NOT EXISTS daily_device (
              device TEXT NOT NULL,
              day INTEGER NOT NULL,
              blocked INTEGER NOT NULL,
              PRIMARY KEY (device, day)) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS daily_category (
              device TEXT NOT NULL,
              day INTEGER NOT NULL,
              category TEXT NOT NULL,
              blocked INTEGER NOT NULL,
              PRIMARY KEY (device, day, category)) WITHOUT ROWID""",
            // The last name seen for each device id: lets the CLI take --device NAME.
            """
            CREATE TABLE IF NOT EXISTS device (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              last_seen INTEGER NOT NULL) WITHOUT ROWID""");

    private LogSchema() {}

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : STATEMENTS) {
                statement.execute(sql);
            }
            statement.execute("PRAGMA user_version = " + VERSION);
        }
    }
}
