package org.hearth.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.gateway.log.LogCounts.CategoryCount;

/**
 * The admin dashboard's numbers, from the daily aggregates (which hold no names, and are kept
 * longer than the entries): blocked lookups per day with their categories, and one day's counts
 * per device and per category. Read-only connections, as {@link LogQueries}.
 */
public final class StatsQueries {

    /**
     * One day's blocked lookups.
     *
     * @param byCategory blocked lookups per category that day; a lookup in two categories counts in both
     */
    public record DayStats(LocalDate date, long blocked, Map<String, Long> byCategory) {}

    /** A device's blocked lookups in a day, with the name the log last gave it. */
    public record DeviceCount(String device, String name, long blocked) {}

    private final LogDatabase database;

    public StatsQueries(LogDatabase database) {
        this.database = database;
    }

    /** Every day from..to (both included, at most {@link LogQueries#MAX_DAYS}), zeros filled in. */
    public List<DayStats> daily(LocalDate from, LocalDate to) throws SQLException {
        if (to.isBefore(from) || to.toEpochDay() - from.toEpochDay() >= LogQueries.MAX_DAYS) {
            throw new IllegalArgumentException("days " + from + ".." + to + ": must be in order and span at most "
                    + LogQueries.MAX_DAYS + " days");
        }
        Map<Long, Long> totals = new TreeMap<>();
        Map<Long, Map<String, Long>> categories = new TreeMap<>();
        try (Connection connection = database.openReader()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT day, sum(blocked) FROM daily_device WHERE day BETWEEN ? AND ? GROUP BY day")) {
                statement.setLong(1, from.toEpochDay());
                statement.setLong(2, to.toEpochDay());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        totals.put(rows.getLong(1), rows.getLong(2));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT day, category, sum(blocked)"
                    + " FROM daily_category WHERE day BETWEEN ? AND ? GROUP BY day, category ORDER BY day, 3 DESC, 2")) {
                statement.setLong(1, from.toEpochDay());
                statement.setLong(2, to.toEpochDay());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        categories.computeIfAbsent(rows.getLong(1), day -> new LinkedHashMap<>())
                                .put(rows.getString(2), rows.getLong(3));
                    }
                }
            }
        }
        List<DayStats> days = new ArrayList<>();
        for (long day = from.toEpochDay(); day <= to.toEpochDay(); day++) {
            days.add(new DayStats(LocalDate.ofEpochDay(day), totals.getOrDefault(day, 0L),
                    categories.getOrDefault(day, Map.of())));
        }
        return days;
    }

    /** The devices with blocked lookups on {@code day}, most first. */
    public List<DeviceCount> byDevice(LocalDate day) throws SQLException {
        List<DeviceCount> devices = new ArrayList<>();
        try (Connection connection = database.openReader();
                PreparedStatement statement = connection.prepareStatement("SELECT d.device,"
                        + " coalesce((SELECT name FROM device WHERE id = d.device), d.device), d.blocked"
                        + " FROM daily_device d WHERE d.day = ? ORDER BY d.blocked DESC, d.device")) {
            statement.setLong(1, day.toEpochDay());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    devices.add(new DeviceCount(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
        }
        return devices;
    }

    /** The categories of the blocked lookups on {@code day}, most first. */
    public List<CategoryCount> byCategory(LocalDate day) throws SQLException {
        List<CategoryCount> counts = new ArrayList<>();
        try (Connection connection = database.openReader();
                PreparedStatement statement = connection.prepareStatement("SELECT category, sum(blocked) AS n"
                        + " FROM daily_category WHERE day = ? GROUP BY category ORDER BY n DESC, category")) {
            statement.setLong(1, day.toEpochDay());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.add(new CategoryCount(rows.getString(1), rows.getLong(2)));
                }
            }
        }
        return counts;
    }
}
