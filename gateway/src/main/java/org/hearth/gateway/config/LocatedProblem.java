package org.hearth.gateway.config;

/** A problem placed on a line of the file; line 0 when it concerns no particular line. */
record LocatedProblem(int line, String path, String message) {

    /** {@code hearth.yml:42: dns.listen[1]: "127.0.0.1:99999" is not host:port (port 0-65535)}. */
    String format(String fileName) {
        return fileName + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
