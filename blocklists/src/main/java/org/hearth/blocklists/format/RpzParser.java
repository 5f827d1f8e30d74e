package org.hearth.blocklists.format;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Response Policy Zones, each record parsed by dnsjava. QNAME triggers only: {@code name CNAME .}
 * (NXDOMAIN), {@code CNAME *.} (NODATA), {@code rpz-drop.}, local data and redirects all block;
 * {@code CNAME rpz-passthru.} is an exception; {@code *.name} covers only the names below. Owner
 * names are taken relative to the zone apex (the SOA owner). IP, NSDNAME and client triggers are
 * counted as unsupported.
 *
 * <p>Records are split into logical records here (joining parenthesised continuations) and each is
 * handed to its own dnsjava {@link Master}, because one bad record must not stop the zone: a
 * single Master cannot resume after a syntax error.
 */
final class RpzParser {

    private static final Name PASSTHRU = Name.fromConstantString("rpz-passthru.");
    private static final Name TCP_ONLY = Name.fromConstantString("rpz-tcp-only.");

    private Name origin = Name.root;
    private Name apex = Name.root;
    private long ttl = 3600;
    private String lastOwner = "@";

    void parse(BufferedReader reader, ParseState state) throws IOException {
        StringBuilder pending = new StringBuilder();
        int depth = 0;
        long lineNo = 0;
        long startLine = 0;
        boolean continuesOwner = false;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String text = stripComment(line);
            if (depth == 0) {
                if (text.isBlank()) {
                    continue;
                }
                startLine = lineNo;
                continuesOwner = Character.isWhitespace(text.charAt(0));
                state.at(lineNo, line.strip());
            }
            pending.append(text).append(' ');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth = Math.max(0, depth - 1);
                }
            }
            if (depth == 0) {
                record(pending.toString(), continuesOwner, state);
                pending.setLength(0);
            }
        }
        if (pending.length() > 0) {
            state.at(startLine, pending.toString().strip());
            state.invalid("unclosed parenthesis");
        }
    }

    private void record(String text, boolean continuesOwner, ParseState state) {
        String body = text.strip();
        if (body.startsWith("$")) {
            directive(body, state);
            return;
        }
        if (continuesOwner) {
            body = lastOwner + " " + body;
        } else {
            lastOwner = body.split("\\s+", 2)[0];
        }
        Record rec;
        try {
            String zone = "$ORIGIN " + origin + "\n$TTL " + ttl + "\n" + body + "\n";
            Master master = new Master(new ByteArrayInputStream(zone.getBytes(StandardCharsets.UTF_8)));
            rec = master.nextRecord();
        } catch (IOException | RuntimeException e) {
            // dnsjava names the position in the one-record zone built above; the caller has the real line.
            String why = String.valueOf(e.getMessage()).replaceFirst("^<none>:\\d+: ", "");
            state.invalid("not a zone record (" + why + ")");
            return;
        }
        if (rec == null) {
            return;
        }
        int type = rec.getType();
        if (type == Type.SOA) {
            apex = rec.getName();
            return;
        }
        if (type == Type.NS && rec.getName().equals(apex)) {
            return; // the zone's own delegation data, not a policy
        }
        Name owner = rec.getName();
        if (!owner.subdomain(apex) || owner.equals(apex)) {
            state.invalid("owner " + owner + " is outside the zone " + apex);
            return;
        }
        Name relative = owner.relativize(apex);
        String name = relative.toString(true);
        if (name.startsWith("rpz-") || name.contains(".rpz-")) {
            state.unsupported("IP, NSDNAME or client trigger");
            return;
        }
        boolean exception = false;
        if (rec instanceof CNAMERecord cname) {
            Name target = cname.getTarget();
            if (target.equals(PASSTHRU)) {
                exception = true;
            } else if (target.equals(TCP_ONLY)) {
                state.unsupported("rpz-tcp-only has no filtering meaning");
                return;
            }
            // Anything else (".", "*.", rpz-drop., a redirect) replaces the real answer: a block.
        }
        if (name.startsWith("*.")) {
            state.rule(name.substring(2), exception, ListRule.Scope.BELOW_ONLY);
        } else {
            state.rule(name, exception, ListRule.Scope.NAME_AND_BELOW);
        }
    }

    private void directive(String body, ParseState state) {
        String[] parts = body.split("\\s+");
        try {
            switch (parts[0].toUpperCase(java.util.Locale.ROOT)) {
                case "$ORIGIN" -> origin = Name.fromString(parts[1], origin);
                case "$TTL" -> ttl = org.xbill.DNS.TTL.parseTTL(parts[1]);
                case "$INCLUDE" -> state.unsupported("$INCLUDE is not followed in a downloaded list");
                default -> state.invalid("unknown directive");
            }
        } catch (IOException | RuntimeException e) {
            state.invalid("bad directive (" + e.getMessage() + ")");
        }
    }

    private static String stripComment(String line) {
        int semi = line.indexOf(';');
        return semi >= 0 ? line.substring(0, semi) : line;
    }
}
