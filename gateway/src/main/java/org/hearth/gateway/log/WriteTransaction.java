package org.hearth.gateway.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs work in one {@code BEGIN IMMEDIATE} transaction. Taking the write lock first means a busy
 * database is waited for (busy timeout) instead of failing half-way: a deferred transaction that
 * has read and then wants to write gets SQLITE_BUSY at once when another connection holds the lock.
 */
final class WriteTransaction {

    private WriteTransaction() {}

    /** Work that reads and writes through the connection. */
    interface Work<T> {
        T run() throws SQLException;
    }

    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }
}
