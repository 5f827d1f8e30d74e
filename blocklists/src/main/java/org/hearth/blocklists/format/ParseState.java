package org.hearth.blocklists.format;

import java.util.ArrayList;
import java.util.List;
import org.hearth.blocklists.DomainNames;

/** The running counts of one parse; line parsers report every line's fate here. */
final class ParseState {

    static final int MAX_PROBLEMS_KEPT = 5;
    private static final int MAX_QUOTED = 120;

    private final RuleSink sink;
    private final List<ParseReport.LineProblem> problems = new ArrayList<>();
    private long line;
    private String text;
    private long blocks;
    private long exceptions;
    private long unsupported;
    private long ips;
    private long invalid;

    ParseState(RuleSink sink) {
        this.sink = sink;
    }

    void at(long lineNumber, String lineText) {
        this.line = lineNumber;
        this.text = lineText;
    }

    /** Normalises {@code raw} and emits the rule; an invalid name is counted instead. */
    void rule(String raw, boolean exception, ListRule.Scope scope) {
        String name = DomainNames.normalize(raw);
        if (name == null) {
            if (DomainNames.isIpLiteral(raw.strip())) {
                ips++;
            } else {
                invalid("not a domain name");
            }
            return;
        }
        if (exception) {
            exceptions++;
        } else {
            blocks++;
        }
        sink.accept(new ListRule(name, exception, scope, line));
    }

    void ip() {
        ips++;
    }

    void unsupported(String reason) {
        unsupported++;
        note(reason);
    }

    void invalid(String reason) {
        invalid++;
        note(reason);
    }

    private void note(String reason) {
        if (problems.size() < MAX_PROBLEMS_KEPT) {
            String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
            problems.add(new ParseReport.LineProblem(line, shown, reason));
        }
    }

    ParseReport report(ListFormat format) {
        return new ParseReport(format, blocks, exceptions, unsupported, ips, invalid, problems);
    }
}
