package org.hearth.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.gateway.log.LogCounts.CategoryCount;
import org.hearth.gateway.log.LogCounts.DayCount;
import org.hearth.gateway.log.LogCounts.KnownDevice;
import org.hearth.gateway.log.LogCounts.NameCount;

/**
 * The log's views for the admin API and the CLI, over read-only connections (so they work while the
 * gateway writes): filtered entries newest first in keyset pages, top names and categories, per-day
 * counts. Safe to call from many threads: each call opens its own connection.
 */
public final class LogQueries {

    /** The most entries one page may hold. */
    public static final int MAX_PAGE = 1_000;
    /** Up to this many names matching a substring are looked up by index; more are tested entry by entry. */
    static final int MAX_LISTED_NAMES = 1_000;
    /** The most days one chart may span. */
    public static final int MAX_DAYS = 800;

    private final LogDatabase database;

    public LogQueries(LogDatabase database) {
        this.database = database;
    }

    /** adminx: the database these queries read, for the admin statistics ({@link StatsQueries}). */
    public LogDatabase database() {
        return database;
    }

    /** Entries matching {@code filter}, newest first, strictly older than {@code after} (null: from the newest). */
    public LogPage blocked(LogFilter filter, PageCursor after, int limit) throws SQLException {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        try (Connection connection = database.openReader()) {
            List<Long> nameIds = null;
            if (filter.nameContains() != null) {
                nameIds = namesContaining(connection, filter.nameContains());
                if (nameIds.isEmpty()) {
                    return new LogPage(List.of(), null);
                }
                if (nameIds.size() > MAX_LISTED_NAMES) {
                    // A common text: newest-first entries match often, so testing each is quicker.
                    nameIds = null;
                }
            }
            List<LogEntry> entries;
            try (PreparedStatement statement = PageQuery.of(filter, after, size + 1, nameIds).prepare(connection)) {
                entries = LogRows.entries(statement);
            }
            if (entries.size() <= size) {
                return new LogPage(entries, null);
            }
            List<LogEntry> page = entries.subList(0, size);
            return new LogPage(page, page.get(size - 1).cursor());
        }
    }

    /** SQLite's plan for a page query, one line per step: shows which index a view uses. */
    public List<String> plan(LogFilter filter, PageCursor after) throws SQLException {
        try (Connection connection = database.openReader()) {
            List<Long> nameIds = filter.nameContains() == null ? null : namesContaining(connection,
                    filter.nameContains());
            if (nameIds != null && nameIds.size() > MAX_LISTED_NAMES) {
                nameIds = null;
            }
            return plan(connection, PageQuery.of(filter, after, 50, nameIds));
        }
    }

    private static List<String> plan(Connection connection, PageQuery query) throws SQLException {
        try (PreparedStatement statement = query.prepareExplain(connection);
                ResultSet rows = statement.executeQuery()) {
            List<String> plan = new ArrayList<>();
            while (rows.next()) {
                plan.add(rows.getString("detail"));
            }
            return plan;
        }
    }

    private static List<Long> namesContaining(Connection connection, String text) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM name WHERE instr(name, ?) > 0 LIMIT " + (MAX_LISTED_NAMES + 1))) {
            statement.setString(1, text);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    /** Entries with an id above {@code afterId}, oldest first: what {@code log tail} prints next. */
    public List<LogEntry> newerThan(long afterId, int limit) throws SQLException {
        try (Connection connection = database.openReader();
                PreparedStatement statement = connection.prepareStatement(
                        LogRows.SELECT + " FROM blocked b WHERE b.id > ? ORDER BY b.id LIMIT ?")) {
            statement.setLong(1, afterId);
            statement.setInt(2, Math.max(1, Math.min(limit, MAX_PAGE)));
            return LogRows.entries(statement);
        }
    }

    /** The most blocked names of a device (null: all devices) in [since, until). */
    public List<NameCount> topNames(String deviceId, Instant since, Instant until, int limit) throws SQLException {
        // Counted by name id (from the device index alone), names looked up for the winners only.
        String sql = "SELECT (SELECT n.name FROM name n WHERE n.id = t.name_id), t.c FROM (SELECT name_id, count(*) AS c"
                + " FROM blocked WHERE " + (deviceId == null ? "" : "device = ? AND ") + "time >= ? AND time < ?"
                + " GROUP BY name_id ORDER BY c DESC, name_id LIMIT ?) t ORDER BY t.c DESC, 1";
        try (Connection connection = database.openReader();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (deviceId != null) {
                statement.setString(i++, deviceId);
            }
            statement.setLong(i++, since.toEpochMilli());
            statement.setLong(i++, until.toEpochMilli());
            statement.setInt(i, Math.max(1, Math.min(limit, MAX_PAGE)));
            List<NameCount> top = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    top.add(new NameCount(rows.getString(1), rows.getLong(2)));
                }
            }
            return top;
        }
    }

    /** The most blocked categories of a device (null: all) over whole days, from the daily aggregates. */
    public List<CategoryCount> topCategories(String deviceId, LocalDate from, LocalDate to, int limit)
            throws SQLException {
        String sql = "SELECT category, sum(blocked) AS n FROM daily_category WHERE "
                + (deviceId == null ? "" : "device = ? AND ") + "day BETWEEN ? AND ?"
                + " GROUP BY category ORDER BY n DESC, category LIMIT ?";
        try (Connection connection = database.openReader();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (deviceId != null) {
                statement.setString(i++, deviceId);
            }
            statement.setLong(i++, from.toEpochDay());
            statement.setLong(i++, to.toEpochDay());
            statement.setInt(i, Math.max(1, Math.min(limit, MAX_PAGE)));
            List<CategoryCount> top = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    top.add(new CategoryCount(rows.getString(1), rows.getLong(2)));
                }
            }
            return top;
        }
    }

    /** Blocked lookups per day of a device (null: all), every day from..to included, zeros filled in. */
    public List<DayCount> dailyCounts(String deviceId, LocalDate from, LocalDate to) throws SQLException {
        if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
            throw new IllegalArgumentException("days " + from + ".." + to + ": must be in order and span at most "
                    + MAX_DAYS + " days");
        }
        String sql = "SELECT day, sum(blocked) FROM daily_device WHERE " + (deviceId == null ? "" : "device = ? AND ")
                + "day BETWEEN ? AND ? GROUP BY day";
        Map<Long, Long> counts = new HashMap<>();
        try (Connection connection = database.openReader();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (deviceId != null) {
                statement.setString(i++, deviceId);
            }
            statement.setLong(i++, from.toEpochDay());
            statement.setLong(i, to.toEpochDay());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getLong(1), rows.getLong(2));
                }
            }
        }
        List<DayCount> days = new ArrayList<>();
        for (long day = from.toEpochDay(); day <= to.toEpochDay(); day++) {
            days.add(new DayCount(LocalDate.ofEpochDay(day), counts.getOrDefault(day, 0L)));
        }
        return days;
    }

    /** Every device with entries or aggregates, by name. */
    public List<KnownDevice> devices() throws SQLException {
        try (Connection connection = database.openReader();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT id, name, last_seen FROM device ORDER BY name, id");
                ResultSet rows = statement.executeQuery()) {
            List<KnownDevice> devices = new ArrayList<>();
            while (rows.next()) {
                devices.add(new KnownDevice(rows.getString(1), rows.getString(2),
                        Instant.ofEpochMilli(rows.getLong(3))));
            }
            return devices;
        }
    }

    /** The id of the device called {@code nameOrId} (its id, or the name it last had; case-insensitive). */
    public Optional<String> findDevice(String nameOrId) throws SQLException {
        List<KnownDevice> devices = devices();
        for (KnownDevice device : devices) {
            if (device.id().equals(nameOrId)) {
                return Optional.of(device.id());
            }
        }
        for (KnownDevice device : devices) {
            if (device.name().equalsIgnoreCase(nameOrId)) {
                return Optional.of(device.id());
            }
        }
        return Optional.empty();
    }
}
