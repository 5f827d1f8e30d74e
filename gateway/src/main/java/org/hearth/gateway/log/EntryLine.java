package org.hearth.gateway.log;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.xbill.DNS.Type;

/** One entry as one line of CLI output, for people: local time, device name, what and why. */
final class EntryLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EntryLine() {}

    static String format(LogEntry entry, ZoneId zone) {
        StringBuilder line = new StringBuilder(120);
        line.append(TIME.format(entry.time().atZone(zone)))
                .append("  ").append(entry.deviceName().isEmpty() ? entry.deviceId() : entry.deviceName())
                .append(" (").append(entry.client()).append(')')
                .append("  ").append(entry.profile().isEmpty() ? "-" : entry.profile())
                .append("  ").append(entry.name())
                .append(' ').append(Type.string(entry.qtype()))
                .append("  ").append(entry.categories().isEmpty() ? "-" : String.join(",", entry.categories()))
                .append("  ").append(entry.reason().name().toLowerCase(java.util.Locale.ROOT));
        if (!entry.detail().isEmpty()) {
            line.append(' ').append(entry.detail());
        }
        line.append("  -> ").append(entry.answer().isEmpty() ? "-" : entry.answer());
        return line.toString();
    }
}
