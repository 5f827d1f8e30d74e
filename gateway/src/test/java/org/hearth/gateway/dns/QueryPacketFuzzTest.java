package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Responses;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * Any bytes a client sends go through the decoder, a chain that answers with a fuzzed number of
 * records of fuzzed size, and the encoder, and must come back as silence or as a reply dnsjava can
 * read, with the client's ID, that fits the transport. Nothing may throw or fail the future.
 * Runs the committed seeds in every build; {@code fuzz/run-campaign.sh} fuzzes it.
 */
class QueryPacketFuzzTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);
    /** The largest UDP reply the edge ever sends (the EDNS size it advertises, RFC 9715 style). */
    private static final int MAX_UDP = 1232;

    @FuzzTest(maxDuration = FuzzBudget.DEFAULT)
    void anyPacketGetsSilenceOrAWellFormedReply(FuzzedDataProvider data) throws Exception {
        Transport transport = data.consumeBoolean() ? Transport.UDP : Transport.TCP;
        int records = data.consumeInt(0, 40);
        int txtSize = data.consumeInt(0, 255);
        int rcode = data.pickValue(new int[] {Rcode.NOERROR, Rcode.NXDOMAIN, Rcode.SERVFAIL, Rcode.REFUSED});
        boolean chainFails = data.consumeBoolean();
        byte[] packet = data.consumeRemainingAsBytes();

        Chain chain = query -> {
            if (chainFails) {
                return CompletableFuture.failedFuture(new IllegalStateException("fuzzed failure"));
            }
            List<Record> answers = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                answers.add(i % 2 == 0
                        ? new ARecord(Responses.name(query.question()), DClass.IN, 300, address(i))
                        : new TXTRecord(Responses.name(query.question()), DClass.IN, 300, "x".repeat(txtSize)));
            }
            return CompletableFuture.completedFuture(
                    new Answer(Responses.build(query.question(), rcode, answers, List.of()), Answer.Source.UPSTREAM));
        };
        byte[] reply = new QueryDispatcher(chain, new EdgeCounters()).dispatch(packet, CLIENT, LOCAL, transport)
                .toCompletableFuture().join();
        if (reply == null) {
            return;
        }
        assertThat(reply.length).isBetween(12, transport == Transport.UDP ? MAX_UDP : 65535);
        assertThat(packet.length).as("a reply to fewer than 2 bytes has no ID to echo").isGreaterThanOrEqualTo(2);
        assertThat(new byte[] {reply[0], reply[1]}).isEqualTo(new byte[] {packet[0], packet[1]});
        Message parsed = new Message(reply); // throws (fails the test) if the reply is not a readable message
        assertThat(parsed.getHeader().getFlag(org.xbill.DNS.Flags.QR)).isTrue();
    }

    private static java.net.InetAddress address(int i) {
        try {
            return java.net.InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) i});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
