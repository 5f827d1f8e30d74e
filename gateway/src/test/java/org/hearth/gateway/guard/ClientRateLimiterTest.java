package org.hearth.gateway.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

class ClientRateLimiterTest {

    /** Starts far from zero and negative, as System.nanoTime may. */
    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);
    private final Ticker ticker = nanos::get;

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static int granted(ClientRateLimiter limiter, InetAddress client, int tries) {
        int granted = 0;
        for (int i = 0; i < tries; i++) {
            if (limiter.tryAcquire(client)) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    void quietClientGetsItsBurstAtOnceThenNothingUntilTimePasses() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(10, 50, ticker);
        InetAddress kid = ip("192.168.1.23");
        assertThat(granted(limiter, kid, 80)).isEqualTo(50);
        assertThat(limiter.limited()).isEqualTo(30);
        advance(Duration.ofMillis(99));
        assertThat(limiter.tryAcquire(kid)).isFalse();
        advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire(kid)).as("one query earned back after 1/rate").isTrue();
        assertThat(limiter.tryAcquire(kid)).isFalse();
    }

    @Test
    void sustainedRateIsTheConfiguredRate() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(100, 20, ticker);
        InetAddress kid = ip("10.0.0.5");
        granted(limiter, kid, 20); // drain the burst
        int granted = 0;
        // Ten seconds of a client asking every millisecond: 10 000 tries, 100 a second get through.
        for (int ms = 0; ms < 10_000; ms++) {
            advance(Duration.ofMillis(1));
            granted += granted(limiter, kid, 1);
        }
        assertThat(granted).isEqualTo(1000);
    }

    @Test
    void oneFloodingClientLeavesTheOthersAlone() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(5, 5, ticker);
        assertThat(granted(limiter, ip("192.168.1.66"), 1000)).isEqualTo(5);
        assertThat(granted(limiter, ip("192.168.1.67"), 5)).isEqualTo(5);
        assertThat(granted(limiter, ip("fd00::67"), 5)).isEqualTo(5);
        // A neighbour in the same IPv6 /64 is another device on the LAN, not the same client.
        assertThat(granted(limiter, ip("fd00::68"), 5)).isEqualTo(5);
    }

    @Test
    void quietClientIsForgottenOnceItsBucketWouldBeFullAgain() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(10, 10, ticker);
        InetAddress kid = ip("192.168.1.23");
        granted(limiter, kid, 20);
        assertThat(limiter.clients()).isEqualTo(1);
        advance(Duration.ofMillis(1001));
        assertThat(limiter.clients()).isZero();
        assertThat(granted(limiter, kid, 20)).isEqualTo(10);
    }

    @Test
    void aFloodIsReportedOnceNotOncePerQuery() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 1, ticker);
        InetAddress kid = ip("192.168.1.23");
        assertThat(limiter.firstLimitOf(kid)).as("unknown client").isFalse();
        granted(limiter, kid, 3);
        assertThat(limiter.firstLimitOf(kid)).isTrue();
        assertThat(limiter.firstLimitOf(kid)).isFalse();
    }

    @Test
    void zeroTurnsLimitingOff() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(0, 1, ticker);
        assertThat(granted(limiter, ip("192.168.1.23"), 10_000)).isEqualTo(10_000);
        assertThat(limiter.limited()).isZero();
        assertThat(limiter.clients()).isZero();
    }

    @Test
    void exemptNetworksAreNeverLimited() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 1,
                AccessList.of(DnsConfig.DEFAULT_RATE_LIMIT_EXEMPT), ticker);
        assertThat(granted(limiter, ip("127.0.0.1"), 1000)).isEqualTo(1000);
        assertThat(granted(limiter, ip("::1"), 1000)).isEqualTo(1000);
        assertThat(granted(limiter, ip("192.168.1.23"), 1000)).isEqualTo(1);
        assertThat(limiter.clients()).as("exempt clients take no room in the table").isEqualTo(1);
    }

    @Test
    void outOfRangeSettingsAreNamed() {
        assertThatThrownBy(() -> new ClientRateLimiter(-1, 10, ticker)).hasMessageContaining("dns.rateLimit: -1");
        assertThatThrownBy(() -> new ClientRateLimiter(10, 0, ticker)).hasMessageContaining("dns.rateLimitBurst: 0");
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheBurst() throws Exception {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 500, ticker);
        InetAddress kid = ip("192.168.1.23");
        AtomicInteger granted = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> granted.addAndGet(granted(limiter, kid, 1000)));
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertThat(granted.get()).isEqualTo(500);
        assertThat(limiter.limited()).isEqualTo(3500);
    }

    @Test
    void guardLetsTheEdgeReplyOnlyToAllowedClientsWithinTheirRate() throws Exception {
        GuardStage guard = new GuardStage(AccessList.of(DnsConfig.DEFAULT_ALLOW), new ClientRateLimiter(1, 2, ticker));
        assertThat(guard.mayReply(new InetSocketAddress(ip("203.0.113.9"), 5000))).as("outside dns.allow").isFalse();
        assertThat(guard.mayReply(null)).isFalse();
        InetSocketAddress lan = new InetSocketAddress(ip("192.168.1.5"), 5000);
        assertThat(guard.mayReply(lan)).isTrue();
        assertThat(guard.mayReply(lan)).isTrue();
        assertThat(guard.mayReply(lan)).as("garbage spends the client's rate like queries").isFalse();
    }

    @Test
    void guardRefusesTheExcessWithAReasonAndHandsOnTheRest() throws Exception {
        AtomicInteger handedOn = new AtomicInteger();
        Chain next = query -> {
            handedOn.incrementAndGet();
            return CompletableFuture.completedFuture(
                    new Answer(Responses.rcode(query.question(), Rcode.NOERROR), Answer.Source.UPSTREAM));
        };
        GuardStage guard = new GuardStage(AccessList.of(DnsConfig.DEFAULT_ALLOW), new ClientRateLimiter(2, 3, ticker));
        QueryContext query = new QueryContext(7, Question.of("example.com", 1), true, false, null,
                new InetSocketAddress(ip("192.168.1.23"), 5000), new InetSocketAddress("127.0.0.1", 53),
                Transport.UDP, 0, null);
        for (int i = 0; i < 3; i++) {
            assertThat(guard.handle(query, next).toCompletableFuture().join().source()).isEqualTo(Answer.Source.UPSTREAM);
        }
        Answer over = guard.handle(query, next).toCompletableFuture().join();
        assertThat(new Message(over.message()).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(over.extendedError().code()).isEqualTo(Answer.ExtendedError.OTHER);
        assertThat(over.extendedError().text()).contains("rate limit", "2 queries a second");
        assertThat(handedOn.get()).isEqualTo(3);
        assertThat(guard.rateLimited()).isEqualTo(1);
        assertThat(guard.refused()).as("not counted as outside dns.allow").isZero();
        advance(Duration.ofMillis(500));
        assertThat(guard.handle(query, next).toCompletableFuture().join().source()).isEqualTo(Answer.Source.UPSTREAM);
    }
}
