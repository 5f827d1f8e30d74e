package org.hearth.gateway.log;

/**
 * Counters of the blocked-lookup log, for the stats page and metrics.
 *
 * @param written entries committed to the database
 * @param dropped entries refused because the queue was full (the DNS path never waits)
 * @param lost entries accepted but not stored because a write failed (disk full, corrupt file)
 * @param queued entries waiting for the writer now
 */
public record LogStats(long written, long dropped, long lost, int queued) {}
