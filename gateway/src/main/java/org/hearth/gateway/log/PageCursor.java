package org.hearth.gateway.log;

/**
 * A position in the newest-first list of entries: the next page holds entries strictly before
 * (time, id). Keyset paging: page N costs what page 1 costs, and new entries do not shift pages.
 * {@link #toString()} and {@link #parse} give the opaque form an API hands to clients.
 */
public record PageCursor(long timeMillis, long id) {

    public static PageCursor parse(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not a page cursor: \"" + text + "\"");
        }
        try {
            return new PageCursor(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a page cursor: \"" + text + "\"", e);
        }
    }

    @Override
    public String toString() {
        return timeMillis + "." + id;
    }
}
