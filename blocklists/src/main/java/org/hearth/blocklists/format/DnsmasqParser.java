package org.hearth.blocklists.format;

/**
 * dnsmasq directives. {@code address=/a.com/b.com/[target]} blocks each name (and below, as dnsmasq
 * does); {@code server=/a.com/} and {@code local=/a.com/} with no upstream answer locally, so they
 * block; {@code server=/a.com/#} means "use the normal servers" and is an exception. A
 * {@code server=} line with a real upstream is forwarding, not filtering, and is skipped.
 */
final class DnsmasqParser implements LineParser {

    @Override
    public void parse(String raw, ParseState state) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
            state.invalid("not a dnsmasq directive");
            return;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (!key.equals("address") && !key.equals("server") && !key.equals("local")) {
            state.unsupported("dnsmasq option " + key + " is not a list rule");
            return;
        }
        if (!value.startsWith("/")) {
            state.unsupported(key + " without a domain is a global setting, not a list rule");
            return;
        }
        int last = value.lastIndexOf('/');
        if (last == 0) {
            state.invalid("unterminated domain list");
            return;
        }
        String target = value.substring(last + 1).strip();
        String[] names = value.substring(1, last).split("/");
        boolean exception;
        if (key.equals("address")) {
            exception = false; // any address (#, 0.0.0.0, a sinkhole, none) answers locally
        } else if (target.isEmpty()) {
            exception = false;
        } else if (target.equals("#")) {
            exception = true;
        } else {
            state.unsupported(key + "=/.../" + target + " forwards to an upstream, it does not block");
            return;
        }
        for (String name : names) {
            if (name.isEmpty()) {
                continue; // dnsmasq "//" is "names without dots"; nothing to index
            }
            state.rule(name, exception, ListRule.Scope.NAME_AND_BELOW);
        }
    }
}
