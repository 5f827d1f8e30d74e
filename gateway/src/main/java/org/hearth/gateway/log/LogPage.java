package org.hearth.gateway.log;

import java.util.List;

/** One page of entries, newest first; {@code next} is null on the last page. */
public record LogPage(List<LogEntry> entries, PageCursor next) {

    public LogPage {
        entries = List.copyOf(entries);
    }
}
