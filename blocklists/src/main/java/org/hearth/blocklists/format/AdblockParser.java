package org.hearth.blocklists.format;

/**
 * The DNS subset of AdBlock / AdGuard syntax. {@code ||a.com^} blocks a name and all below it,
 * {@code |a.com^} only the name, {@code ||*.a.com^} and {@code .a.com^} only the names below;
 * {@code @@} makes any of them an exception; {@code $important} is accepted and ignored (there is
 * one list per source, so there is nothing for it to outrank). Everything a DNS name cannot
 * express (paths, regexes, cosmetic rules, other modifiers, {@code *} inside a label) is counted
 * as unsupported and skipped.
 */
final class AdblockParser implements LineParser {

    @Override
    public void parse(String raw, ParseState state) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("!") || line.startsWith("[")
                || (line.startsWith("#") && !line.startsWith("##"))) {
            return;
        }
        if (line.contains("##") || line.contains("#@#") || line.contains("#$#") || line.contains("#?#")
                || line.contains("#%#")) {
            state.unsupported("cosmetic rule (browser-only)");
            return;
        }
        boolean exception = line.startsWith("@@");
        String rule = exception ? line.substring(2) : line;
        if (rule.length() > 1 && rule.startsWith("/") && rule.endsWith("/")) {
            state.unsupported("regular expression");
            return;
        }
        int dollar = rule.indexOf('$');
        if (dollar >= 0) {
            for (String option : rule.substring(dollar + 1).split(",")) {
                if (!option.strip().equals("important")) {
                    state.unsupported("modifier $" + option.strip() + " has no DNS meaning here");
                    return;
                }
            }
            rule = rule.substring(0, dollar);
        }
        ListRule.Scope scope = ListRule.Scope.NAME_AND_BELOW;
        if (rule.startsWith("||")) {
            rule = rule.substring(2);
            if (rule.startsWith("*.")) {
                rule = rule.substring(2);
                scope = ListRule.Scope.BELOW_ONLY;
            }
        } else if (rule.startsWith("|")) {
            rule = rule.substring(1);
            scope = ListRule.Scope.NAME_ONLY;
        } else if (rule.startsWith(".")) {
            rule = rule.substring(1);
            scope = ListRule.Scope.BELOW_ONLY;
        }
        boolean anchoredEnd = false;
        if (rule.endsWith("|")) {
            rule = rule.substring(0, rule.length() - 1);
            anchoredEnd = true;
        }
        if (rule.endsWith("^")) {
            rule = rule.substring(0, rule.length() - 1);
            anchoredEnd = true;
        }
        if (rule.isEmpty()) {
            state.invalid("empty rule");
            return;
        }
        if (rule.indexOf('/') >= 0 || rule.indexOf('?') >= 0 || rule.indexOf('=') >= 0
                || rule.indexOf('^') >= 0 || (rule.indexOf(':') >= 0 && !rule.contains("::"))) {
            state.unsupported("URL rule (browser-only)");
            return;
        }
        if (rule.indexOf('*') >= 0) {
            state.unsupported("wildcard inside a label cannot be expressed as a DNS name");
            return;
        }
        if (!anchoredEnd && rule.endsWith(".")) {
            state.unsupported("prefix pattern (matches any ending) cannot be expressed as a DNS name");
            return;
        }
        state.rule(rule, exception, scope);
    }
}
