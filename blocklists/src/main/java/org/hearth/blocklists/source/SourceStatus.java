package org.hearth.blocklists.source;

import java.time.Instant;
import org.hearth.blocklists.format.ParseReport;

/**
 * How one source stands: entries in the index, when it last loaded, the last error (null when the
 * last attempt worked), and the parse report of the copy in use when it was compiled this run.
 */
public record SourceStatus(String name, String category, String location, long entries, Instant lastSuccess,
        String lastError, ParseReport report) {}
