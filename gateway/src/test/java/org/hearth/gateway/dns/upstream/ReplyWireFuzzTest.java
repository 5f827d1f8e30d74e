package org.hearth.gateway.dns.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.hearth.gateway.dns.FuzzBudget;
import org.hearth.gateway.dns.MalformedMessageException;
import org.hearth.gateway.resolve.WireLayout;
import org.xbill.DNS.Message;

/**
 * Every forwarded reply is walked on the event loop: whatever the bytes, the walk either refuses
 * them with MalformedMessageException or gives offsets inside the message, an answer the cache's
 * own walker takes and dnsjava reads (the client gets it as it is), and an Extended DNS Error read
 * without running past its option.
 */
class ReplyWireFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.DEFAULT)
    void walkRefusesOrEverythingItSaysHolds(byte[] wire) {
        ReplyWire walked;
        try {
            walked = ReplyWire.walk(wire);
        } catch (MalformedMessageException refused) {
            return;
        }
        assertThat(walked.end()).isBetween(12, wire.length);
        if (walked.truncated()) {
            return; // only its question was read: it sends us to TCP, and no client ever gets it
        }
        if (walked.optStart() >= 0) {
            assertThat(walked.optEnd()).isGreaterThan(walked.optStart()).isLessThanOrEqualTo(walked.end());
        }
        byte[] answer = walked.withoutOpt();
        WireLayout.of(answer);
        try {
            new Message(answer); // what the client gets, its parser can read
        } catch (IOException e) {
            throw new AssertionError("taken, but dnsjava cannot read what the client would get", e);
        }
        assertThat(answer.length).isLessThanOrEqualTo(wire.length);
        walked.extendedError();
        assertThat(walked.rcode()).isBetween(0, 4095);
    }
}
