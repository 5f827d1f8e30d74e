package org.hearth.gateway.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
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

class UdpQueryHandlerTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40001);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 53);

    private final Chain nxdomain = query -> CompletableFuture.completedFuture(
            new Answer(Responses.rcode(query.question(), Rcode.NXDOMAIN), Answer.Source.UPSTREAM));

    @Test
    void answerGoesBackToTheSenderAndEveryBufferIsReleased() throws Exception {
        EdgeCounters counters = new EdgeCounters();
        EmbeddedChannel ch = new EmbeddedChannel(new UdpQueryHandler(new QueryDispatcher(nxdomain, counters)));
        Message q = Message.newQuery(Record.newRecord(Name.fromString("x.example."), Type.A, DClass.IN));
        DatagramPacket in = new DatagramPacket(Unpooled.wrappedBuffer(q.toWire()), LOCAL, CLIENT);
        DatagramPacket garbage = new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {1, 2}), LOCAL, CLIENT);
        ch.writeInbound(in);
        ch.writeInbound(garbage);

        DatagramPacket out = ch.readOutbound();
        try {
            assertThat(out.recipient()).isEqualTo(CLIENT);
            byte[] bytes = new byte[out.content().readableBytes()];
            out.content().readBytes(bytes);
            Message answer = new Message(bytes);
            assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(answer.getHeader().getID()).isEqualTo(q.getHeader().getID());
        } finally {
            out.release();
        }
        assertThat((Object) ch.readOutbound()).isNull(); // the garbage got no answer
        assertThat(in.refCnt()).isZero();
        assertThat(garbage.refCnt()).isZero();
        assertThat(counters.dropped()).isEqualTo(1);
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }
}
