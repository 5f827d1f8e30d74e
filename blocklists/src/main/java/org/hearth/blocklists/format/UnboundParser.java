package org.hearth.blocklists.format;

import java.util.Set;

/**
 * Unbound {@code local-zone: "a.com." always_null}: a zone answered locally blocks the name and all
 * below it; {@code transparent}/{@code typetransparent} zones pass queries on and are exceptions.
 */
final class UnboundParser implements LineParser {

    private static final Set<String> PASSING = Set.of("transparent", "typetransparent", "always_transparent",
            "inform");

    @Override
    public void parse(String raw, ParseState state) {
        String line = LineParser.stripHashComment(raw);
        if (line.isEmpty() || line.equals("server:")) {
            return;
        }
        if (!line.startsWith("local-zone:")) {
            state.unsupported("unbound option is not a list rule");
            return;
        }
        String[] fields = line.substring("local-zone:".length()).strip().split("\\s+");
        if (fields.length != 2) {
            state.invalid("local-zone needs a name and a type");
            return;
        }
        String name = fields[0].replace("\"", "");
        state.rule(name, PASSING.contains(fields[1]), ListRule.Scope.NAME_AND_BELOW);
    }
}
