package org.hearth.gateway.dns;

import java.util.concurrent.atomic.LongAdder;

/** What the edge did with packets it could not simply answer; read by metrics and tests. */
public final class EdgeCounters {

    final LongAdder queries = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder formErr = new LongAdder();
    final LongAdder notImp = new LongAdder();
    final LongAdder badVers = new LongAdder();
    final LongAdder servFail = new LongAdder();
    final LongAdder truncated = new LongAdder();
    final LongAdder tcpRejected = new LongAdder();
    final LongAdder tcpStalled = new LongAdder();

    /** Well-formed queries handed to the chain. */
    public long queries() { return queries.sum(); }

    /** Packets with no readable header, responses sent to us, and answers that could not be encoded. */
    public long dropped() { return dropped.sum(); }

    public long formErr() { return formErr.sum(); }

    public long notImp() { return notImp.sum(); }

    public long badVers() { return badVers.sum(); }

    /** Queries whose chain failed or whose answer could not be finished. */
    public long servFail() { return servFail.sum(); }

    /** UDP answers sent with TC because they did not fit the client's size. */
    public long truncated() { return truncated.sum(); }

    /** TCP connections closed at once because dns.maxTcpConnections were open. */
    public long tcpRejected() { return tcpRejected.sum(); }

    /** TCP connections closed because a message begun was not whole within dns.tcpIdleTimeout. */
    public long tcpStalled() { return tcpStalled.sum(); }
}
