package org.hearth.gateway.log;

import java.time.Instant;
import java.util.List;

/** A stored blocked lookup as the views read it back; {@code id} orders entries of the same instant. */
public record LogEntry(long id, Instant time, String deviceId, String deviceName, String client, String profile,
        String name, int qtype, List<String> categories, BlockReason reason, String detail, String answer) {

    public LogEntry {
        categories = List.copyOf(categories);
    }

    /** Where the next (older) page starts, when this is the last entry of a page. */
    public PageCursor cursor() {
        return new PageCursor(time.toEpochMilli(), id);
    }
}
