package org.hearth.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch of entries in one transaction: the entries, their category rows, the daily
 * aggregates and the device names. Used only by the writer thread, which owns the connection.
 */
final class LogWriter implements AutoCloseable {

    private final Connection connection;
    private final ZoneId zone;
    private final PreparedStatement insertName;
    private final PreparedStatement insertBlocked;
    private final PreparedStatement insertCategory;
    private final PreparedStatement insertAllowed;
    private final PreparedStatement addDaily;
    private final PreparedStatement addDailyCategory;
    private final PreparedStatement upsertDevice;
    private long nextId;
    // The day of the last entry and its bounds in epoch milliseconds: see day().
    private long day;
    private long dayStart = Long.MAX_VALUE;
    private long dayEnd = Long.MIN_VALUE;

    LogWriter(Connection connection, ZoneId zone) throws SQLException {
        this.connection = connection;
        this.zone = zone;
        // Each entry's name goes in first (once per name), and the entry finds its id in the same
        // statement: SQLite looks it up in the name index. Asking for the id from Java instead took
        // a result set per new name, and remembering ids took a map in the heap: much of what the
        // writer allocated per entry, which the young collections of a burst then copied
        // (gateway/PERF.md).
        insertName = connection.prepareStatement("INSERT INTO name (name) VALUES (?) ON CONFLICT (name) DO NOTHING");
        insertBlocked = connection.prepareStatement("INSERT INTO blocked (id, time, device, device_name, client,"
                + " profile, name_id, qtype, categories, reason, detail, answer)"
                + " VALUES (?,?,?,?,?,?,(SELECT id FROM name WHERE name = ?),?,?,?,?,?)");
        insertCategory = connection.prepareStatement(
                "INSERT OR IGNORE INTO blocked_category (category, time, entry) VALUES (?,?,?)");
        insertAllowed = connection.prepareStatement("INSERT INTO allowed (time, device, device_name, client,"
                + " profile, name, qtype, answer) VALUES (?,?,?,?,?,?,?,?)");
        addDaily = connection.prepareStatement("INSERT INTO daily_device (device, day, blocked) VALUES (?,?,?)"
                + " ON CONFLICT (device, day) DO UPDATE SET blocked = blocked + excluded.blocked");
        addDailyCategory = connection.prepareStatement("INSERT INTO daily_category (device, day, category, blocked)"
                + " VALUES (?,?,?,?) ON CONFLICT (device, day, category) DO UPDATE SET blocked = blocked + excluded.blocked");
        upsertDevice = connection.prepareStatement("INSERT INTO device (id, name, last_seen) VALUES (?,?,?)"
                + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, last_seen = excluded.last_seen"
                + " WHERE excluded.last_seen >= device.last_seen");
        // Ids are assigned here (one writer) so category rows can name their entry without a round trip.
        try (Statement statement = connection.createStatement();
                ResultSet max = statement.executeQuery("SELECT coalesce(max(id), 0) FROM blocked")) {
            nextId = max.getLong(1) + 1;
        }
    }

    /** Writes both lists in one transaction; on failure nothing of the batch is kept. */
    void write(List<BlockedLookup> blocked, List<AllowedLookup> allowed) throws SQLException {
        long firstId = nextId;
        try {
            WriteTransaction.run(connection, () -> insert(blocked, allowed));
        } catch (SQLException | RuntimeException e) {
            nextId = firstId;
            clearBatches();
            throw e;
        }
    }

    /**
     * One small method per row and per step, not one loop over everything: the JIT compiles a hot
     * loop's whole method (twice on the way, for the loop, then once more whole), and on a one-core
     * box that compile shares the core with the event loop. In the bench rig the writer became hot
     * in a latency window, and C2 spent 0.44 s in three compiles of the one 1,050-byte method while
     * queries waited up to 5 ms at a time (gateway/PERF.md).
     */
    private Void insert(List<BlockedLookup> blocked, List<AllowedLookup> allowed) throws SQLException {
        Batch batch = new Batch();
        for (BlockedLookup entry : blocked) {
            addBlocked(entry, batch);
        }
        for (AllowedLookup entry : allowed) {
            addAllowed(entry);
        }
        insertName.executeBatch();
        insertBlocked.executeBatch();
        insertCategory.executeBatch();
        insertAllowed.executeBatch();
        addDailyCounts(batch);
        addDevices(batch);
        return null;
    }

    /** What a batch adds up to besides its rows. */
    private static final class Batch {
        final Map<DailyKey, Integer> perDevice = new HashMap<>();
        final Map<DailyKey, Integer> perCategory = new HashMap<>();
        final Map<String, BlockedLookup> lastByDevice = new HashMap<>();
    }

    private void addBlocked(BlockedLookup entry, Batch batch) throws SQLException {
        long id = nextId++;
        long time = entry.time().toEpochMilli();
        insertBlocked.setLong(1, id);
        insertBlocked.setLong(2, time);
        insertBlocked.setString(3, entry.deviceId());
        insertBlocked.setString(4, entry.deviceName());
        insertBlocked.setString(5, entry.client());
        insertBlocked.setString(6, entry.profile());
        insertName.setString(1, entry.name());
        insertName.addBatch();
        insertBlocked.setString(7, entry.name());
        insertBlocked.setInt(8, entry.qtype());
        insertBlocked.setString(9, categories(entry.categories()));
        insertBlocked.setString(10, entry.reason().name());
        insertBlocked.setString(11, entry.detail());
        insertBlocked.setString(12, entry.answer());
        insertBlocked.addBatch();
        long day = day(time);
        batch.perDevice.merge(new DailyKey(entry.deviceId(), day, ""), 1, Integer::sum);
        for (String category : entry.categories()) {
            addCategory(category, time, id);
            batch.perCategory.merge(new DailyKey(entry.deviceId(), day, category), 1, Integer::sum);
        }
        batch.lastByDevice.merge(entry.deviceId(), entry, (a, b) -> b.time().isAfter(a.time()) ? b : a);
    }

    private void addCategory(String category, long time, long id) throws SQLException {
        insertCategory.setString(1, category);
        insertCategory.setLong(2, time);
        insertCategory.setLong(3, id);
        insertCategory.addBatch();
    }

    private void addAllowed(AllowedLookup entry) throws SQLException {
        insertAllowed.setLong(1, entry.time().toEpochMilli());
        insertAllowed.setString(2, entry.deviceId());
        insertAllowed.setString(3, entry.deviceName());
        insertAllowed.setString(4, entry.client());
        insertAllowed.setString(5, entry.profile());
        insertAllowed.setString(6, entry.name());
        insertAllowed.setInt(7, entry.qtype());
        insertAllowed.setString(8, entry.answer());
        insertAllowed.addBatch();
    }

    private void addDailyCounts(Batch batch) throws SQLException {
        for (Map.Entry<DailyKey, Integer> e : batch.perDevice.entrySet()) {
            addDaily.setString(1, e.getKey().device());
            addDaily.setLong(2, e.getKey().day());
            addDaily.setInt(3, e.getValue());
            addDaily.addBatch();
        }
        addDaily.executeBatch();
        for (Map.Entry<DailyKey, Integer> e : batch.perCategory.entrySet()) {
            addDailyCategory.setString(1, e.getKey().device());
            addDailyCategory.setLong(2, e.getKey().day());
            addDailyCategory.setString(3, e.getKey().category());
            addDailyCategory.setInt(4, e.getValue());
            addDailyCategory.addBatch();
        }
        addDailyCategory.executeBatch();
    }

    private void addDevices(Batch batch) throws SQLException {
        for (BlockedLookup last : batch.lastByDevice.values()) {
            upsertDevice.setString(1, last.deviceId());
            upsertDevice.setString(2, last.deviceName());
            upsertDevice.setLong(3, last.time().toEpochMilli());
            upsertDevice.addBatch();
        }
        upsertDevice.executeBatch();
    }

    /** Most blocks name one category: stored as it is, with no joining. */
    private static String categories(List<String> categories) {
        return categories.size() == 1 ? categories.get(0) : String.join(",", categories);
    }

    /**
     * The entry's day in the box's zone, for the daily counts. The day's bounds are kept: a batch's
     * entries nearly always share one day, and {@code LocalDate.ofInstant} made the zone's rules
     * anew for each entry in a fixed-offset zone.
     */
    private long day(long millis) {
        if (millis < dayStart || millis >= dayEnd) {
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone);
            day = date.toEpochDay();
            dayStart = date.atStartOfDay(zone).toInstant().toEpochMilli();
            dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return day;
    }

    private void clearBatches() {
        for (PreparedStatement statement : new PreparedStatement[] {
                insertName, insertBlocked, insertCategory, insertAllowed, addDaily, addDailyCategory, upsertDevice}) {
            try {
                statement.clearBatch();
            } catch (SQLException ignored) {
                // The statement is closed with the connection that failed; nothing left to clear.
            }
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private record DailyKey(String device, long day, String category) {}
}
