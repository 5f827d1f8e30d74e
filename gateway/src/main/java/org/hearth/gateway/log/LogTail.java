package org.hearth.gateway.log;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Follows the log like {@code tail -f}: the last entries, then new ones as the gateway commits them. */
final class LogTail {

    private final LogQueries queries;
    private final ZoneId zone;
    private final PrintWriter out;

    LogTail(LogQueries queries, ZoneId zone, PrintWriter out) {
        this.queries = queries;
        this.zone = zone;
        this.out = out;
    }

    /** Prints the last {@code lines} entries; then, if following, polls until the thread is interrupted. */
    int run(int lines, boolean follow, long pollMillis) throws SQLException {
        List<LogEntry> last = new ArrayList<>(queries.blocked(LogFilter.all(), null, Math.max(1, lines)).entries());
        Collections.reverse(last);
        long lastId = 0;
        for (LogEntry entry : lines > 0 ? last : List.<LogEntry>of()) {
            out.println(EntryLine.format(entry, zone));
        }
        for (LogEntry entry : last) {
            lastId = Math.max(lastId, entry.id());
        }
        out.flush();
        while (follow && !Thread.currentThread().isInterrupted()) {
            List<LogEntry> next = queries.newerThan(lastId, LogQueries.MAX_PAGE);
            for (LogEntry entry : next) {
                out.println(EntryLine.format(entry, zone));
                lastId = entry.id();
            }
            out.flush();
            if (next.size() < LogQueries.MAX_PAGE) {
                try {
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return 0;
    }
}
