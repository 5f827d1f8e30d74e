package org.hearth.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one page of a filtered, newest-first view. With a category it walks that category's
 * rows (primary key: category, time, entry); otherwise the time index, or the device or profile
 * index when those are given. The keyset condition is written as a range on time plus a tie-break
 * on id so SQLite can use the index for it.
 */
record PageQuery(String sql, List<Object> parameters) {

    /**
     * @param nameIds the ids of the names containing {@code filter.nameContains()} when few enough to
     *     list (then SQLite reads them through blocked_name_time); null to test each entry instead
     */
    static PageQuery of(LogFilter filter, PageCursor after, int limit, List<Long> nameIds) {
        StringBuilder sql = new StringBuilder(LogRows.SELECT);
        List<Object> parameters = new ArrayList<>();
        String time;
        String id;
        if (filter.category() != null) {
            sql.append(" FROM blocked_category c JOIN blocked b ON b.id = c.entry WHERE c.category = ?");
            parameters.add(filter.category());
            time = "c.time";
            id = "c.entry";
        } else {
            sql.append(" FROM blocked b WHERE 1 = 1");
            time = "b.time";
            id = "b.id";
        }
        if (filter.deviceId() != null) {
            sql.append(" AND b.device = ?");
            parameters.add(filter.deviceId());
        }
        if (filter.profile() != null) {
            sql.append(" AND b.profile = ?");
            parameters.add(filter.profile());
        }
        if (filter.nameContains() != null && nameIds != null) {
            StringBuilder list = new StringBuilder();
            for (long nameId : nameIds) {
                list.append(list.length() == 0 ? "" : ",").append(nameId);
            }
            sql.append(" AND b.name_id IN (").append(list).append(')');
        } else if (filter.nameContains() != null) {
            // The unary + keeps SQLite off blocked_name_time here: sorting every entry of thousands of
            // names costs more than walking newest first until a page is full.
            sql.append(" AND +b.name_id IN (SELECT id FROM name WHERE instr(name, ?) > 0)");
            parameters.add(filter.nameContains());
        }
        if (filter.since() != null) {
            sql.append(" AND ").append(time).append(" >= ?");
            parameters.add(filter.since().toEpochMilli());
        }
        if (filter.until() != null) {
            sql.append(" AND ").append(time).append(" < ?");
            parameters.add(filter.until().toEpochMilli());
        }
        if (after != null) {
            sql.append(" AND ").append(time).append(" <= ? AND (").append(time).append(" < ? OR ").append(id)
                    .append(" < ?)");
            parameters.add(after.timeMillis());
            parameters.add(after.timeMillis());
            parameters.add(after.id());
        }
        sql.append(" ORDER BY ").append(time).append(" DESC, ").append(id).append(" DESC LIMIT ?");
        parameters.add(limit);
        return new PageQuery(sql.toString(), List.copyOf(parameters));
    }

    PreparedStatement prepare(Connection connection) throws SQLException {
        return bind(connection.prepareStatement(sql));
    }

    PreparedStatement prepareExplain(Connection connection) throws SQLException {
        return bind(connection.prepareStatement("EXPLAIN QUERY PLAN " + sql));
    }

    private PreparedStatement bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }
}
