package org.hearth.blocklists.format;

import java.util.List;

/**
 * What reading one list produced: rules kept, and lines skipped for each reason, with the first few
 * bad lines quoted so an admin can find them.
 *
 * @param blocks block rules kept
 * @param exceptions exception rules kept
 * @param unsupported valid rules that a DNS name cannot express (browser-only AdBlock, regexes, forwarding)
 * @param ipEntries IP addresses, which a domain index does not hold
 * @param invalid lines that are not a valid rule at all
 * @param firstProblems the first few unsupported or invalid lines, with line numbers
 */
public record ParseReport(ListFormat format, long blocks, long exceptions, long unsupported, long ipEntries,
        long invalid, List<LineProblem> firstProblems) {

    public ParseReport {
        firstProblems = List.copyOf(firstProblems);
    }

    public long entries() {
        return blocks + exceptions;
    }

    /** A skipped line: its number (from 1), a shortened copy, and why. */
    public record LineProblem(long line, String text, String reason) {
        @Override
        public String toString() {
            return "line " + line + ": " + reason + ": " + text;
        }
    }
}
