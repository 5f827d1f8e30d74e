package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline on a TCP message begun, on the embedded event loop's clock: a client trickling a
 * query byte by byte is closed; clients sending whole or quickly completed messages are not.
 */
class TcpFrameDecoderTest {

    private final EdgeCounters counters = new EdgeCounters();
    private final EmbeddedChannel ch = new EmbeddedChannel(new TcpFrameDecoder(Duration.ofSeconds(10), counters));

    @AfterEach
    void release() {
        ch.finishAndReleaseAll();
    }

    private void advance(long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    private static ByteBuf bytes(int... values) {
        ByteBuf buf = Unpooled.buffer(values.length);
        for (int v : values) {
            buf.writeByte(v);
        }
        return buf;
    }

    /** A 32-byte message, framed. */
    private static int[] frame(int fill) {
        int[] out = new int[34];
        out[1] = 32;
        for (int i = 2; i < out.length; i++) {
            out[i] = fill;
        }
        return out;
    }

    private int messagesOut() {
        int n = 0;
        for (ByteBuf frame; (frame = ch.readInbound()) != null; n++) {
            assertThat(frame.readableBytes()).isEqualTo(32);
            frame.release();
        }
        return n;
    }

    @Test
    void clientTricklingAQueryIsClosedAtTheDeadlineThoughNeverIdle() {
        ch.writeInbound(bytes(0, 32, 1, 2, 3));
        for (int second = 3; second <= 9; second += 3) {
            advance(3);
            ch.writeInbound(bytes(4)); // a byte every 3 s: the idle timer (10 s) would never fire
            assertThat(ch.isOpen()).as("open at %d s", second).isTrue();
        }
        advance(1);
        assertThat(ch.isOpen()).isFalse();
        assertThat(counters.tcpStalled()).isEqualTo(1);
        assertThat(messagesOut()).isZero();
    }

    @Test
    void wholeMessagesAndQuicklyCompletedOnesKeepTheConnection() {
        int[] whole = frame(7);
        for (int i = 0; i < 5; i++) {
            ch.writeInbound(bytes(whole));
            advance(9);
        }
        // Split across reads, completed within the deadline.
        ch.writeInbound(bytes(0, 32, 7));
        advance(9);
        int[] rest = new int[31];
        java.util.Arrays.fill(rest, 7);
        ch.writeInbound(bytes(rest));
        advance(30);
        assertThat(ch.isOpen()).isTrue();
        assertThat(messagesOut()).isEqualTo(6);
        assertThat(counters.tcpStalled()).isZero();
    }

    @Test
    void aMessageBegunAfterACompletedOneGetsAFreshDeadline() {
        ch.writeInbound(bytes(0, 32, 1));
        advance(8);
        int[] restAndNext = new int[31 + 3];
        restAndNext[31] = 0;
        restAndNext[32] = 32;
        restAndNext[33] = 9; // completes the first, begins the second
        ch.writeInbound(bytes(restAndNext));
        advance(8); // 16 s after the first byte, 8 s after the second message began
        assertThat(ch.isOpen()).isTrue();
        advance(3);
        assertThat(ch.isOpen()).isFalse();
        assertThat(messagesOut()).isEqualTo(1);
    }

    @Test
    void aPartialMessageIsNotHeldAgainstAClientWhileWeHaveStoppedReading() {
        ch.writeInbound(bytes(0, 32, 1, 2));
        ch.config().setAutoRead(false); // as TcpQueryHandler does when the client's queries fill its bound
        advance(25);
        assertThat(ch.isOpen()).isTrue();
        ch.config().setAutoRead(true);
        advance(10);
        assertThat(ch.isOpen()).isFalse();
    }
}
