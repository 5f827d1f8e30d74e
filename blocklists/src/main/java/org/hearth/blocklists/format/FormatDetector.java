package org.hearth.blocklists.format;

import java.util.List;
import org.hearth.blocklists.DomainNames;

/**
 * Guesses a list's syntax from its first significant lines. Each line votes; markers that only one
 * syntax has (an SOA, {@code local-zone:}, {@code address=/}, {@code ||...^}) win outright.
 */
public final class FormatDetector {

    /** Lines examined; enough to get past the long headers some lists carry. */
    public static final int SAMPLE_LINES = 200;

    private FormatDetector() {}

    public static ListFormat detect(List<String> firstLines) {
        int hosts = 0;
        int domains = 0;
        int ips = 0;
        int adblock = 0;
        for (String raw : firstLines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("$TTL") || line.startsWith("$ORIGIN") || line.matches(".*\\s(SOA|CNAME)\\s.*")) {
                return ListFormat.RPZ;
            }
            if (line.startsWith("local-zone:") || line.equals("server:")) {
                return ListFormat.UNBOUND;
            }
            if (line.startsWith("address=/") || line.startsWith("server=/") || line.startsWith("local=/")) {
                return ListFormat.DNSMASQ;
            }
            if (line.startsWith("[Adblock") || line.startsWith("!")) {
                adblock++;
                continue;
            }
            if (line.startsWith("||") || line.startsWith("@@") || line.endsWith("^") || line.contains("^$")) {
                adblock += 2;
                continue;
            }
            String first = LineParser.stripHashComment(line).split("\\s+")[0];
            boolean ip = DomainNames.isIpLiteral(first);
            boolean moreWords = LineParser.stripHashComment(line).split("\\s+").length > 1;
            if (ip && moreWords) {
                hosts++;
            } else if (ip) {
                ips++;
            } else {
                domains++;
            }
        }
        if (adblock > 0 && adblock >= hosts + domains) {
            return ListFormat.ADBLOCK;
        }
        if (hosts > 0 && hosts >= domains) {
            return ListFormat.HOSTS;
        }
        if (ips > 0 && domains == 0) {
            return ListFormat.IP_LIST;
        }
        return ListFormat.DOMAINS;
    }
}
