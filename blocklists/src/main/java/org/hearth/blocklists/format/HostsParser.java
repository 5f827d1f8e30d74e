package org.hearth.blocklists.format;

import java.util.Locale;
import java.util.Set;
import org.hearth.blocklists.DomainNames;

/**
 * {@code 0.0.0.0 a.com b.com # comment}: every name after the address is a block. Header lines for
 * the machine itself ({@code localhost}, {@code broadcasthost}, {@code ip6-*}) are not blocks. A
 * hosts line with a real target address (a SafeSearch rewrite) is still read as "this name is
 * listed": the category of the source says what listing means.
 */
final class HostsParser implements LineParser {

    private static final Set<String> LOCAL_NAMES = Set.of("localhost", "localhost.localdomain", "local",
            "broadcasthost", "localdomain", "0.0.0.0");

    @Override
    public void parse(String raw, ParseState state) {
        String line = LineParser.stripHashComment(raw);
        if (line.isEmpty()) {
            return;
        }
        String[] fields = line.split("\\s+");
        if (!DomainNames.isIpLiteral(fields[0])) {
            state.invalid("hosts line does not start with an address");
            return;
        }
        if (fields.length == 1) {
            state.ip();
            return;
        }
        for (int i = 1; i < fields.length; i++) {
            String name = fields[i].toLowerCase(java.util.Locale.ROOT);
            if (LOCAL_NAMES.contains(name) || name.startsWith("ip6-")) {
                continue; // the machine's own names: part of every hosts file, never a block
            }
            state.rule(fields[i], false, ListRule.Scope.NAME_AND_BELOW);
        }
    }
}
