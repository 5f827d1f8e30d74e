package org.hearth.gateway.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The log's SQLite file (hearth.db in the data folder): opens it for the one writer or for readers,
 * and moves a corrupt file aside so the gateway starts with a fresh log instead of failing forever.
 */
public final class LogDatabase {

    /** The file name inside the data folder. */
    public static final String FILE_NAME = "hearth.db";

    private static final Logger LOG = LoggerFactory.getLogger(LogDatabase.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final int BUSY_TIMEOUT_MS = 5_000;

    /** Per file, how often this process moved it aside: see {@link #generation()}. */
    private static final ConcurrentHashMap<Path, AtomicLong> MOVED_ASIDE = new ConcurrentHashMap<>();

    private final Path file;
    private final Clock clock;
    private final AtomicLong movedAside;

    public LogDatabase(Path file, Clock clock) {
        this.file = file.toAbsolutePath().normalize();
        this.clock = clock;
        this.movedAside = MOVED_ASIDE.computeIfAbsent(this.file, path -> new AtomicLong());
    }

    /** The database in a data folder, as the gateway and the CLI find it. */
    public static LogDatabase inDataDir(Path dataDir, Clock clock) {
        return new LogDatabase(dataDir.resolve(FILE_NAME), clock);
    }

    public Path file() {
        return file;
    }

    /**
     * Changes each time this process moves the file aside (found corrupt by the writer's check or a
     * write). A user that keeps a connection open, or remembers that its tables exist, compares it
     * before each use and reopens: otherwise it would go on writing into the moved-aside copy.
     */
    public long generation() {
        return movedAside.get();
    }

    /**
     * Opens the file for writing, creating it and its tables if needed. A file that SQLite cannot
     * read, or whose quick_check fails, is moved aside (logged with the new name) and replaced by an
     * empty one: losing an unreadable log beats a gateway that cannot start.
     */
    Connection openWriter() throws SQLException {
        return openWriter(true);
    }

    /**
     * As {@link #openWriter()} without the quick_check, which reads the whole file: for the log's
     * writer, which runs {@link #quickCheck} itself once it has yielded the core to DNS. A file SQLite
     * cannot read at all is still moved aside here.
     */
    Connection openWriterUnchecked() throws SQLException {
        return openWriter(false);
    }

    private Connection openWriter(boolean check) throws SQLException {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new SQLException("cannot create the log folder " + file.getParent() + ": " + e.getMessage(), e);
        }
        try {
            return whenNotBusy(() -> open(check));
        } catch (SQLException e) {
            if (!isCorruption(e)) {
                throw e;
            }
            moveAside(e.getMessage());
            return whenNotBusy(() -> open(check));
        }
    }

    /** Opens read-only, for queries and the CLI; works while the gateway writes (WAL). */
    public Connection openReader() throws SQLException {
        if (!Files.exists(file)) {
            throw new SQLException("no log database at " + file + " (the gateway creates it on first start)");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return DriverManager.getConnection(url(), config.toProperties());
    }

    /** A connection that may write, for jobs other than the log writer (e.g. deleting a device's data). */
    public Connection openSideWriter() throws SQLException {
        return DriverManager.getConnection(url(), writerConfig().toProperties());
    }

    /**
     * A side writer with {@code schema} ({@code CREATE ... IF NOT EXISTS} statements) in place, for
     * the file's other users (the outbox, the requests, the audit trail), which keep their own tables.
     */
    public Connection openSideWriter(List<String> schema) throws SQLException {
        return whenNotBusy(() -> {
            Connection connection = openSideWriter();
            try (Statement statement = connection.createStatement()) {
                for (String sql : schema) {
                    statement.execute(sql);
                }
                return connection;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        });
    }

    /**
     * Runs {@code open} again while SQLite says the file is busy, for at most the busy timeout.
     * SQLite answers BUSY at once, without waiting out the timeout, where waiting could deadlock: a
     * connection that reads and then wants to write while another holds the write lock. That is what
     * happens when several users make their tables in a new file at once: after the writer moved a
     * corrupt file aside, the writer, the outbox and a request all met at the new one, and the
     * writer's first pragma lost: 18 of 200 times when three threads raced on new files, each loss
     * a 10 s pause of the log. LogDatabaseTest races them on 100 new files.
     */
    private static Connection whenNotBusy(SqlOpen open) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUSY_TIMEOUT_MS);
        for (int attempt = 1; ; attempt++) {
            try {
                return open.open();
            } catch (SQLException e) {
                if (!isBusy(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
            try {
                // Short first: the other user's schema takes a millisecond or two.
                Thread.sleep(Math.min(100, 2L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while " + FILE_NAME + " was busy", e);
            }
        }
    }

    /** SQLITE_BUSY or SQLITE_LOCKED: another connection holds the lock; trying again may succeed. */
    static boolean isBusy(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */;
    }

    @FunctionalInterface
    private interface SqlOpen {
        Connection open() throws SQLException;
    }

    /** Whether an error means the file itself is damaged, rather than busy, full or missing. */
    static boolean isCorruption(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 11 /* SQLITE_CORRUPT */ || primary == 26 /* SQLITE_NOTADB */
                || e instanceof CorruptLogException;
    }

    /** Renames the file (and its -wal, -shm) to hearth.db.corrupt-TIMESTAMP and says so in the log. */
    Path moveAside(String why) throws SQLException {
        Path target = file.resolveSibling(file.getFileName() + ".corrupt-" + STAMP.format(clock.instant()));
        try {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, target.resolveSibling(target.getFileName() + suffix),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new SQLException("log database " + file + " is corrupt (" + why + ") and cannot be moved aside: "
                    + e.getMessage(), e);
        }
        movedAside.incrementAndGet();
        LOG.error("Log database {} is corrupt ({}); moved it to {} and started a new, empty log", file, why, target);
        return target;
    }

    private Connection open(boolean check) throws SQLException {
        Connection connection = DriverManager.getConnection(url(), writerConfig().toProperties());
        try (Statement statement = connection.createStatement()) {
            // On a new file this must come before the first table; on an old one it is a no-op.
            statement.execute("PRAGMA auto_vacuum = INCREMENTAL");
            // Its one row ("wal") must be closed here: a statement left open blocks the schema's commit.
            statement.executeQuery("PRAGMA journal_mode = WAL").close();
            if (check) {
                quickCheck(connection);
            }
            LogSchema.create(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Throws {@link CorruptLogException} unless SQLite's quick_check of the whole file says "ok". */
    static void quickCheck(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check(1)")) {
            String result = rows.next() ? rows.getString(1) : "no result";
            if (!"ok".equals(result)) {
                throw new CorruptLogException("quick_check: " + result);
            }
        }
    }

    private static SQLiteConfig writerConfig() {
        SQLiteConfig config = new SQLiteConfig();
        // No journal mode here: switching to WAL writes the header, after which auto_vacuum can no
        // longer be set on a new file. open sets both, in that order; WAL then stays on in the file.
        // NORMAL in WAL mode: a commit survives a killed process; only a power cut may lose the last ones.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    private String url() {
        return "jdbc:sqlite:" + file;
    }

    /** quick_check found damage that SQLite itself did not report as an error code. */
    static final class CorruptLogException extends SQLException {
        CorruptLogException(String message) {
            super(message);
        }
    }
}
