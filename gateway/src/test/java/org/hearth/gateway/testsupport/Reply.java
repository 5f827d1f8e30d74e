package org.hearth.gateway.testsupport;

import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Message;

/**
 * What a {@link ScriptedUpstream} does with one query. Build them with the static factories; a
 * {@link ScriptedUpstream.Script} returns one per query.
 */
public sealed interface Reply {

    /** Send these bytes as they are (over TCP with the 2-byte length in front). */
    record Bytes(byte[] wire) implements Reply {}

    /** Send nothing at all. */
    record Silence() implements Reply {}

    /** Wait, then do {@code then}; other queries are served meanwhile. */
    record Delayed(Duration delay, Reply then) implements Reply {}

    /** Several replies to one query, in order (e.g. a forged answer, then the real one). */
    record Sequence(List<Reply> replies) implements Reply {}

    /** UDP only: send from another socket (another source port), as an off-path forger would. */
    record FromOtherSocket(Reply reply) implements Reply {}

    /** TCP only: close the connection without answering. */
    record CloseConnection() implements Reply {}

    static Reply message(Message message) {
        return new Bytes(message.toWire());
    }

    static Reply bytes(byte[] wire) {
        return new Bytes(wire.clone());
    }

    static Reply silence() {
        return new Silence();
    }

    static Reply delayed(Duration delay, Reply then) {
        return new Delayed(delay, then);
    }

    static Reply sequence(Reply... replies) {
        return new Sequence(List.of(replies));
    }

    static Reply fromOtherSocket(Reply reply) {
        return new FromOtherSocket(reply);
    }

    static Reply closeConnection() {
        return new CloseConnection();
    }
}
