package org.hearth.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearth.gateway.config.DnsConfig;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Responses;
import org.hearth.gateway.query.Transport;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

class GuardStageTest {

    private final AtomicInteger handedOn = new AtomicInteger();
    private final Chain next = query -> {
        handedOn.incrementAndGet();
        return CompletableFuture.completedFuture(new Answer(
                Responses.rcode(query.question(), Rcode.NOERROR), Answer.Source.UPSTREAM));
    };

    private static QueryContext from(String ip) throws Exception {
        return new QueryContext(1, Question.of("example.com", 1), true, false, null,
                new InetSocketAddress(InetAddress.getByName(ip), 5000), new InetSocketAddress("127.0.0.1", 53),
                Transport.UDP, 0, null);
    }

    private Answer ask(GuardStage guard, String ip) throws Exception {
        return guard.handle(from(ip), next).toCompletableFuture().join();
    }

    @Test
    void defaultAllowListAnswersLoopbackAndPrivateNetworks() throws Exception {
        GuardStage guard = new GuardStage(AccessList.of(DnsConfig.DEFAULT_ALLOW));
        for (String ip : List.of("127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255",
                "192.168.1.23", "169.254.1.1", "::1", "fd00::1", "fe80::1", "::ffff:192.168.1.5")) {
            assertThat(ask(guard, ip).source()).as(ip).isEqualTo(Answer.Source.UPSTREAM);
        }
        assertThat(handedOn.get()).isEqualTo(11);
        assertThat(guard.refused()).isZero();
    }

    @Test
    void publicClientsAreRefusedAndNeverHandedOn() throws Exception {
        GuardStage guard = new GuardStage(AccessList.of(DnsConfig.DEFAULT_ALLOW));
        for (String ip : List.of("198.51.100.8", "172.32.0.1", "192.169.0.1", "2001:db8::1", "::ffff:198.51.100.8")) {
            Answer answer = ask(guard, ip);
            assertThat(new Message(answer.message()).getRcode()).as(ip).isEqualTo(Rcode.REFUSED);
            assertThat(answer.source()).isEqualTo(Answer.Source.ERROR);
            assertThat(answer.extendedError().code()).isEqualTo(Answer.ExtendedError.PROHIBITED);
        }
        assertThat(handedOn.get()).isZero();
        assertThat(guard.refused()).isEqualTo(5);
    }

    @Test
    void cgnatSharedSpaceIsTheIspsSideAndNotAnsweredByDefault() throws Exception {
        GuardStage guard = new GuardStage(AccessList.of(DnsConfig.DEFAULT_ALLOW));
        for (String ip : List.of("100.64.0.5", "100.127.255.254")) {
            assertThat(new Message(ask(guard, ip).message()).getRcode()).as(ip).isEqualTo(Rcode.REFUSED);
        }
        assertThat(handedOn.get()).isZero();
    }

    @Test
    void allowListWithoutLoopbackRefusesLoopback() throws Exception {
        GuardStage guard = new GuardStage(AccessList.of(List.of("192.168.0.0/16", "10.0.0.7")));
        assertThat(new Message(ask(guard, "127.0.0.1").message()).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(ask(guard, "10.0.0.7").source()).isEqualTo(Answer.Source.UPSTREAM);
        assertThat(new Message(ask(guard, "10.0.0.8").message()).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    @Test
    void badAllowEntriesAreAllNamed() {
        assertThatThrownBy(() -> AccessList.of(List.of("10.0.0.0/8", "10.0.0.0/33", "router.lan", "fc00::/129", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dns.allow[1]")
                .hasMessageContaining("dns.allow[2]: \"router.lan\"")
                .hasMessageContaining("dns.allow[3]")
                .hasMessageContaining("dns.allow[4]")
                .message().doesNotContain("dns.allow[0]");
    }
}
