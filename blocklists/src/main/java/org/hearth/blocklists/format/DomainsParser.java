package org.hearth.blocklists.format;

/** One name per line, {@code #} comments; {@code *.name} means only the names below {@code name}. */
final class DomainsParser implements LineParser {

    @Override
    public void parse(String raw, ParseState state) {
        String line = LineParser.stripHashComment(raw);
        if (line.isEmpty()) {
            return;
        }
        if (line.indexOf(' ') >= 0 || line.indexOf('\t') >= 0) {
            state.invalid("more than one word on a line");
            return;
        }
        if (line.startsWith("*.")) {
            state.rule(line.substring(2), false, ListRule.Scope.BELOW_ONLY);
        } else {
            state.rule(line, false, ListRule.Scope.NAME_AND_BELOW);
        }
    }
}
