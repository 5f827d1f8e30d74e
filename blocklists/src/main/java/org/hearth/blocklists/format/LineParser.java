package org.hearth.blocklists.format;

/** Reads one line of a line-oriented list format; comments and blank lines are removed before. */
interface LineParser {

    void parse(String line, ParseState state);

    /** Strips a trailing {@code #} comment (hosts, plain, dnsmasq) and surrounding blanks. */
    static String stripHashComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }
}
