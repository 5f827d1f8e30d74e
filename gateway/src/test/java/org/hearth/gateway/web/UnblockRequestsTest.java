package org.hearth.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.cli.ServeCommand;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.manage.AuditTrail;
import org.hearth.gateway.manage.ConfigEditor;
import org.hearth.gateway.policy.TemporaryAllows;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.testsupport.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests' rules over a real hearth.db and a real hearth.yml: limits, decisions, restarts. */
class UnblockRequestsTest {

    /** Wednesday 2026-11-25 12:00 in Phnom Penh. */
    private static final Instant NOON = Instant.parse("2026-11-25T05:00:00Z");
    private static final ClientIdentity TABLET = new ClientIdentity("Kid tablet", "Kid tablet", "kids");
    private static final ClientIdentity LAPTOP = new ClientIdentity("ip:192.168.1.9", null, "kids");

    @TempDir
    Path dir;
    private final MovableClock clock = new MovableClock(NOON, ZoneId.of("Asia/Phnom_Penh"));
    private LogDatabase database;
    private ConfigEditor editor;
    private TemporaryAllows allows;
    private UnblockRequests requests;

    @BeforeEach
    void open() throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, "profiles:\n  kids: {preset: child}\ndefaultProfile: kids\n");
        database = LogDatabase.inDataDir(dir, clock);
        editor = new ConfigEditor(file, ServeCommand.CHECKS, config -> List.of(), new AuditTrail(database, clock));
        allows = new TemporaryAllows();
        requests = UnblockRequests.open(database, allows, editor, clock);
    }

    @AfterEach
    void close() {
        requests.close();
    }

    @Test
    void fiveAnHourAndTwentyADayPerDevice() throws Exception {
        for (int hour = 0; hour < 4; hour++) {
            for (int i = 0; i < UnblockRequests.PER_HOUR; i++) {
                assertThat(requests.ask(TABLET, "site" + hour + "-" + i + ".example", ""))
                        .isInstanceOf(UnblockRequests.Asked.Accepted.class);
            }
            assertThat(requests.ask(TABLET, "one-more.example", "")).as("hour " + hour)
                    .isInstanceOf(UnblockRequests.Asked.TooMany.class);
            clock.advance(Duration.ofMinutes(61));
        }
        assertThat(requests.ask(TABLET, "one-more.example", "")).as("20 within the day")
                .isInstanceOf(UnblockRequests.Asked.TooMany.class);
        assertThat(requests.ask(LAPTOP, "one-more.example", "")).as("another device has its own budget")
                .isInstanceOf(UnblockRequests.Asked.Accepted.class);
        clock.advance(Duration.ofHours(21));
        assertThat(requests.ask(TABLET, "one-more.example", "")).isInstanceOf(UnblockRequests.Asked.Accepted.class);
    }

    @Test
    void askingTwiceForTheSameSiteWhileItWaitsStoresItOnce() throws Exception {
        UnblockRequest first = ((UnblockRequests.Asked.Accepted) requests.ask(TABLET, "Casino.Example.", "please"))
                .request();
        assertThat(first.domain()).isEqualTo("casino.example");
        assertThat(requests.ask(TABLET, "casino.example", "please please"))
                .isEqualTo(new UnblockRequests.Asked.AlreadyAsked(first));
        assertThat(requests.list(true, 10)).containsExactly(first);
        assertThatThrownBy(() -> requests.ask(TABLET, "not a site", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void approvalForTodayEndsAtMidnightAndSurvivesARestart() throws Exception {
        long id = accepted(requests.ask(TABLET, "casino.example", "")).id();

        UnblockRequest approved = requests.approve(id, Approval.parse("today", "device"), "mum");
        assertThat(approved.until()).as("midnight in Phnom Penh").isEqualTo(Instant.parse("2026-11-25T17:00:00Z"));
        assertThat(approved.decidedBy()).isEqualTo("mum");
        assertThat(allows.match(TABLET, "casino.example", NOON)).isEqualTo("casino.example");

        requests.close();
        TemporaryAllows afterRestart = new TemporaryAllows();
        requests = UnblockRequests.open(database, afterRestart, editor, clock);
        assertThat(afterRestart.match(TABLET, "www.casino.example", NOON.plusSeconds(3600))).isEqualTo("casino.example");
        assertThat(afterRestart.match(LAPTOP, "casino.example", NOON)).as("that device only").isNull();
        assertThat(requests.allows()).singleElement().satisfies(a -> assertThat(a.deviceId()).isEqualTo("Kid tablet"));
        assertThat(editor.audit().recent(5, 0)).anySatisfy(e -> {
            assertThat(e.who()).isEqualTo("mum");
            assertThat(e.action()).isEqualTo("approved unblock request " + id);
        });
        assertThatThrownBy(() -> requests.decline(id, "no", "dad")).isInstanceOfSatisfying(RequestRefusal.class,
                r -> assertThat(r.status()).isEqualTo(409));
        assertThatThrownBy(() -> requests.decline(999, "no", "dad")).isInstanceOfSatisfying(RequestRefusal.class,
                r -> assertThat(r.status()).isEqualTo(404));
    }

    @Test
    void endingAnAllowTakesItOutOfThePolicyAtOnce() throws Exception {
        long id = accepted(requests.ask(LAPTOP, "games.example", "")).id();
        requests.approve(id, Approval.parse("hour", "profile"), "admin");
        assertThat(allows.match(TABLET, "games.example", NOON)).as("profile scope: every kids device")
                .isEqualTo("games.example");
        long allowId = requests.allows().get(0).id();

        requests.endAllow(allowId, "admin");
        assertThat(allows.match(TABLET, "games.example", NOON)).isNull();
        assertThat(requests.allows()).isEmpty();
        assertThatThrownBy(() -> requests.endAllow(allowId, "admin")).isInstanceOfSatisfying(RequestRefusal.class,
                r -> assertThat(r.status()).isEqualTo(404));
    }

    @Test
    void declineKeepsTheReplyAsPlainTextOnOneLine() throws Exception {
        long id = accepted(requests.ask(TABLET, "casino.example", "")).id();
        UnblockRequest declined = requests.decline(id, "  Not now.\nAsk me after dinner.\u0007 ", "dad");
        assertThat(declined.status()).isEqualTo(UnblockRequest.Status.DECLINED);
        assertThat(declined.reply()).isEqualTo("Not now. Ask me after dinner.");
        assertThat(requests.ofDevice("Kid tablet", NOON.minusSeconds(60))).containsExactly(declined);
        assertThat(requests.ofDevice(LAPTOP.deviceId(), NOON.minusSeconds(60))).isEmpty();
    }

    @Test
    void listenersHearOfEachNewRequestOnAnotherThread() throws Exception {
        BlockingQueue<String> heard = new ArrayBlockingQueue<>(4);
        requests.addListener((device, name, domain, message) ->
                heard.add(Thread.currentThread().getName() + " " + device + " " + name + " " + domain + " " + message));
        requests.addListener((device, name, domain, message) -> {
            throw new IllegalStateException("a broken alert channel");
        });
        requests.ask(LAPTOP, "casino.example", "hi");
        requests.ask(LAPTOP, "casino.example", "again"); // already waiting: no second alert

        assertThat(heard.poll(5, TimeUnit.SECONDS))
                .isEqualTo("hearth-requests ip:192.168.1.9 ip:192.168.1.9 casino.example hi");
        assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    private static UnblockRequest accepted(UnblockRequests.Asked asked) {
        assertThat(asked).isInstanceOf(UnblockRequests.Asked.Accepted.class);
        return ((UnblockRequests.Asked.Accepted) asked).request();
    }
}
