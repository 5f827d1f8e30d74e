package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.Responses;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class TcpQueryHandlerTest {

    /** Answers are completed by the test, in whatever order it likes. */
    private final Map<String, CompletableFuture<Answer>> pending = new HashMap<>();
    private final Chain held = query -> {
        CompletableFuture<Answer> f = new CompletableFuture<>();
        pending.put(query.question().key(), f);
        return f;
    };

    private EmbeddedChannel channel(Chain chain, int maxInFlight) {
        QueryDispatcher dispatcher = new QueryDispatcher(chain, new EdgeCounters());
        return new EmbeddedChannel(
                new LengthFieldBasedFrameDecoder(65537, 0, 2, 0, 2),
                new TcpQueryHandler(dispatcher, maxInFlight, () -> true));
    }

    private static byte[] framedQuery(String name, int id) throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, DClass.IN));
        q.getHeader().setID(id);
        byte[] wire = q.toWire();
        byte[] out = new byte[wire.length + 2];
        out[0] = (byte) (wire.length >>> 8);
        out[1] = (byte) wire.length;
        System.arraycopy(wire, 0, out, 2, wire.length);
        return out;
    }

    private static void answer(CompletableFuture<Answer> f, String name) {
        f.complete(new Answer(Responses.rcode(org.hearth.gateway.query.Question.of(name, Type.A), Rcode.NXDOMAIN),
                Answer.Source.UPSTREAM));
    }

    private static List<Integer> readIds(EmbeddedChannel ch) throws Exception {
        List<Integer> ids = new ArrayList<>();
        ByteBuf out;
        while ((out = ch.readOutbound()) != null) {
            try {
                int length = out.readUnsignedShort();
                assertThat(out.readableBytes()).isEqualTo(length);
                byte[] bytes = new byte[length];
                out.readBytes(bytes);
                ids.add(new Message(bytes).getHeader().getID());
            } finally {
                out.release();
            }
        }
        return ids;
    }

    @Test
    void lengthPrefixSplitAcrossSegmentsIsReassembled() throws Exception {
        EmbeddedChannel ch = channel(held, 4);
        byte[] framed = framedQuery("a.example.", 11);
        ByteBuf first = Unpooled.wrappedBuffer(framed, 0, 1);
        ByteBuf second = Unpooled.wrappedBuffer(framed, 1, 5);
        ByteBuf rest = Unpooled.wrappedBuffer(framed, 6, framed.length - 6);
        ch.writeInbound(first);
        ch.writeInbound(second);
        assertThat(pending).isEmpty();
        ch.writeInbound(rest);
        assertThat(pending).containsOnlyKeys("a.example");
        answer(pending.get("a.example"), "a.example");
        ch.runPendingTasks();
        assertThat(readIds(ch)).containsExactly(11);
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
        assertThat(rest.refCnt()).isZero();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void pipelinedQueriesAreAnsweredAsTheyCompleteOutOfOrder() throws Exception {
        EmbeddedChannel ch = channel(held, 4);
        ByteBuf all = Unpooled.wrappedBuffer(framedQuery("a.example.", 1), framedQuery("b.example.", 2),
                framedQuery("c.example.", 3));
        ch.writeInbound(all);
        assertThat(pending).containsOnlyKeys("a.example", "b.example", "c.example");
        answer(pending.get("c.example"), "c.example");
        ch.runPendingTasks();
        assertThat(readIds(ch)).containsExactly(3);
        answer(pending.get("a.example"), "a.example");
        answer(pending.get("b.example"), "b.example");
        ch.runPendingTasks();
        assertThat(readIds(ch)).containsExactly(1, 2);
        assertThat(all.refCnt()).isZero();
        ch.finishAndReleaseAll();
    }

    @Test
    void queriesBeyondTheInFlightBoundWaitAndReadingPauses() throws Exception {
        EmbeddedChannel ch = channel(held, 2);
        ch.writeInbound(Unpooled.wrappedBuffer(framedQuery("a.example.", 1), framedQuery("b.example.", 2),
                framedQuery("c.example.", 3)));
        assertThat(pending).containsOnlyKeys("a.example", "b.example");
        assertThat(ch.config().isAutoRead()).isFalse();
        answer(pending.get("b.example"), "b.example");
        ch.runPendingTasks();
        assertThat(pending).containsKey("c.example");
        answer(pending.get("a.example"), "a.example");
        answer(pending.get("c.example"), "c.example");
        ch.runPendingTasks();
        assertThat(readIds(ch)).containsExactly(2, 1, 3);
        assertThat(ch.config().isAutoRead()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedFrameGetsFormerrAndTheConnectionKeepsServing() throws Exception {
        EmbeddedChannel ch = channel(held, 4);
        byte[] good = framedQuery("a.example.", 5);
        byte[] cut = java.util.Arrays.copyOf(good, 2 + 14);
        cut[1] = 14;
        ch.writeInbound(Unpooled.wrappedBuffer(cut));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 2, 9, 9})); // too short for a header: dropped
        ch.writeInbound(Unpooled.wrappedBuffer(good));
        answer(pending.get("a.example"), "a.example");
        ch.runPendingTasks();
        assertThat(readIds(ch)).containsExactly(5, 5); // the FORMERR (same ID) and the real answer
        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }
}
