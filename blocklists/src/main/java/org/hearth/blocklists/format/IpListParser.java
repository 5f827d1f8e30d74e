package org.hearth.blocklists.format;

import org.hearth.blocklists.DomainNames;

/** Lists of addresses (DoH resolver IPs): counted so the report is honest, but nothing is indexed. */
final class IpListParser implements LineParser {

    @Override
    public void parse(String raw, ParseState state) {
        String line = LineParser.stripHashComment(raw);
        if (line.isEmpty()) {
            return;
        }
        if (DomainNames.isIpLiteral(line)) {
            state.ip();
        } else {
            state.rule(line, false, ListRule.Scope.NAME_AND_BELOW);
        }
    }
}
