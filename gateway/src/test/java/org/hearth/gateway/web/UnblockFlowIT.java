package org.hearth.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.cli.ServeCommand;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.IpLiteral;
import org.hearth.gateway.manage.AuditTrail;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.MovableClock;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * The conversation end to end, in the real gateway as {@code hearth serve} starts it: the real
 * {@code dig} asks from the kid's tablet (127.0.0.2), which then opens the "why" page from that
 * address over a real socket, asks to unblock; the parent approves over the admin API; the lookup
 * resolves, and once the clock passes the hour it is blocked again. The sister's phone (127.0.0.3)
 * never sees the tablet's entries.
 */
class UnblockFlowIT {

    /** Wednesday 2026-11-25 12:00 in Phnom Penh. */
    private static final Instant NOON = Instant.parse("2026-11-25T05:00:00Z");
    private static final String TABLET = "127.0.0.2";
    private static final String PHONE = "127.0.0.3";
    private static final String REAL_ADDRESS = "198.51.100.7";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private ScriptedUpstream upstream;
    private Gateway gateway;
    private final MovableClock clock = new MovableClock(NOON, ZoneId.of("Asia/Phnom_Penh"));
    private final CopyOnWriteArrayList<String> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        upstream = ScriptedUpstream.start(q -> Reply.message(answer(q.message())));
        Files.writeString(dir.resolve("gambling.txt"), "casino.example\nbet.example\n");
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, """
                dns: {listen: ["127.0.0.1:0"]}
                admin: {listen: ["127.0.0.1:0"]}
                web:
                  listen: ["127.0.0.1:0"]
                  helpline: {name: "Child Helpline 1280", url: "tel:1280"}
                upstreams: ["127.0.0.1:%d"]
                lists:
                  - {name: ut1-gambling, category: gambling, source: gambling.txt}
                identity: {arpFile: "", ipv6Neighbours: "", seenFile: ""}
                blocking: {mode: blockpage}
                profiles:
                  kids: {preset: child, block: [gambling]}
                devices:
                  - {name: Kid tablet, match: ["%s"], profile: kids}
                  - {name: Sister phone, match: ["%s"], profile: kids}
                defaultProfile: kids
                """.formatted(upstream.address().getPort(), TABLET, PHONE));
        startGateway();
    }

    /** As `hearth serve` starts it, from hearth.yml in the test's folder. */
    private void startGateway() throws Exception {
        gateway = Gateway.start(ConfigLoader.load(dir.resolve("hearth.yml"), ServeCommand.CHECKS), Ticker.systemTicker(),
                clock);
        gateway.lists().ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        gateway.requests().addListener((id, name, domain, message) -> alerts.add(name + " " + domain + " " + message));
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    @Test
    void childAsksParentApprovesForAnHourThenItIsBlockedAgain() throws Exception {
        assertThat(lookup(TABLET)).as("blockpage: the box's own address").isEqualTo("127.0.0.1");
        gateway.blockLog().flush(WAIT);
        ChildHttp tablet = new ChildHttp(TABLET, web());
        ChildHttp phone = new ChildHttp(PHONE, web());

        ChildHttp.Response why = tablet.get("hearth.lan", "/", "en-GB,en;q=0.9");
        assertThat(why.status()).isEqualTo(200);
        assertThat(why.body()).contains("Kid tablet", "casino.example", "betting and gambling");
        assertThat(why.headers().get("content-security-policy")).contains("default-src 'none'")
                .doesNotContain("unsafe-inline");
        ChildHttp.Response other = phone.get("hearth.lan", "/", null);
        assertThat(other.body()).as("another device never sees the tablet's entries")
                .contains("Sister phone", "Nothing was blocked").doesNotContain("casino.example", "Kid tablet");

        ChildHttp.Response sent = tablet.postForm("hearth.lan", "/ask", Map.of("token", why.token(), "site",
                "http://casino.example/games", "message", "for my homework <b>please</b>"), "http://hearth.lan");
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).contains("Your request for casino.example was sent")
                .contains("Waiting for an answer").doesNotContain("<b>please</b>");
        assertThat(phone.get("hearth.lan", "/", null).body()).doesNotContain("casino.example");

        AdminApi stranger = new AdminApi(gateway.adminAddresses().get(0));
        assertThat(stranger.get("/api/requests").statusCode()).as("the requests are for the parent").isEqualTo(401);
        AdminApi admin = new AdminApi(gateway.adminAddresses().get(0)).setUp(dir);
        assertThat(stranger.post("/api/requests/1/approve", "{\"for\":\"hour\"}").statusCode()).isEqualTo(401);
        HttpResponse<String> pending = admin.get("/api/requests?status=pending");
        assertThat(pending.statusCode()).isEqualTo(200);
        assertThat(pending.body()).contains("\"device\":\"Kid tablet\"", "\"domain\":\"casino.example\"",
                "\"message\":\"for my homework <b>please</b>\"", "\"status\":\"pending\"");
        long id = Long.parseLong(pending.body().replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        HttpResponse<String> approved = admin.post("/api/requests/" + id + "/approve",
                "{\"for\":\"hour\",\"scope\":\"device\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("\"status\":\"approved\"", "\"until\":\"2026-11-25T06:00:00Z\"");

        assertThat(lookup(TABLET)).as("allowed for the tablet for an hour").isEqualTo(REAL_ADDRESS);
        assertThat(lookup(PHONE)).as("for that device only").isEqualTo("127.0.0.1");
        assertThat(admin.get("/api/allows").body()).contains("\"domain\":\"casino.example\"",
                "\"device\":\"Kid tablet\"");
        assertThat(tablet.get("hearth.lan", "/", null).body()).contains("Yes! You can open it until 2026-11-25 13:00");
        assertThat(admin.post("/api/requests/" + id + "/approve", "{\"for\":\"today\"}").statusCode())
                .as("decided once").isEqualTo(409);

        clock.advance(Duration.ofMinutes(59));
        assertThat(lookup(TABLET)).isEqualTo(REAL_ADDRESS);
        clock.advance(Duration.ofMinutes(1));
        assertThat(lookup(TABLET)).as("the hour is over").isEqualTo("127.0.0.1");
        assertThat(admin.get("/api/allows").body()).isEqualTo("{\"allows\":[]}");

        AuditTrail audit = gateway.editor().audit();
        assertThat(audit.recent(10, 0)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("approved unblock request " + id);
            assertThat(entry.changes()).singleElement().asString().contains("casino.example", "Kid tablet");
        });
        assertThat(alerts).containsExactly("Kid tablet casino.example for my homework <b>please</b>");
    }

    @Test
    void anApprovalForTodayOutlivesARestartAndEndsAtMidnight() throws Exception {
        ChildHttp tablet = new ChildHttp(TABLET, web());
        tablet.postForm("hearth.lan", "/ask", Map.of("token", tablet.get("hearth.lan", "/", null).token(), "site",
                "casino.example"), "http://hearth.lan");
        long id = gateway.requests().list(true, 10).get(0).id();
        AdminApi admin = new AdminApi(gateway.adminAddresses().get(0)).setUp(dir);
        assertThat(admin.post("/api/requests/" + id + "/approve", "{\"for\":\"today\",\"scope\":\"profile\"}")
                .statusCode()).isEqualTo(200);
        gateway.close();

        startGateway();
        assertThat(lookup(PHONE)).as("the profile's devices, after a restart").isEqualTo(REAL_ADDRESS);
        assertThat(new ChildHttp(TABLET, web()).get("hearth.lan", "/", null).body())
                .contains("Yes! You can open it until 2026-11-26 00:00");
        clock.advance(Duration.ofHours(12)); // midnight in Phnom Penh
        assertThat(lookup(PHONE)).isEqualTo("127.0.0.1");
    }

    @Test
    void declineWithAReplyIsShownToThatChildOnly() throws Exception {
        lookup(TABLET);
        gateway.blockLog().flush(WAIT);
        ChildHttp tablet = new ChildHttp(TABLET, web());
        String token = tablet.get("hearth.lan", "/", null).token();
        tablet.postForm("hearth.lan", "/ask", Map.of("token", token, "site", "casino.example", "message", ""),
                "http://hearth.lan");
        AdminApi admin = new AdminApi(gateway.adminAddresses().get(0)).setUp(dir);
        long id = gateway.requests().list(true, 10).get(0).id();

        HttpResponse<String> declined = admin.post("/api/requests/" + id + "/decline",
                "{\"reply\":\"Not a homework site. Let's talk at dinner.\"}");
        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);

        String page = tablet.get("hearth.lan", "/", null).body();
        assertThat(page).contains("No, not this time.", "Answer: Not a homework site. Let&#39;s talk at dinner.");
        assertThat(new ChildHttp(PHONE, web()).get("hearth.lan", "/", null).body()).doesNotContain("dinner");
        assertThat(lookup(TABLET)).isEqualTo("127.0.0.1");
        assertThat(gateway.editor().audit().recent(10, 0)).anySatisfy(entry ->
                assertThat(entry.action()).isEqualTo("declined unblock request " + id));
    }

    @Test
    void alwaysAddsTheSiteToTheProfilesAllowListInHearthYml() throws Exception {
        ChildHttp tablet = new ChildHttp(TABLET, web());
        String token = tablet.get("hearth.lan", "/", null).token();
        tablet.postForm("hearth.lan", "/ask", Map.of("token", token, "site", "bet.example"), "http://hearth.lan");
        AdminApi admin = new AdminApi(gateway.adminAddresses().get(0)).setUp(dir);
        long id = gateway.requests().list(true, 10).get(0).id();

        assertThat(admin.post("/api/requests/" + id + "/approve", "{\"for\":\"always\",\"scope\":\"device\"}")
                .statusCode()).as("hearth.yml has allow lists per profile").isEqualTo(400);
        HttpResponse<String> approved = admin.post("/api/requests/" + id + "/approve",
                "{\"for\":\"always\",\"scope\":\"profile\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);

        assertThat(Files.readString(dir.resolve("hearth.yml"))).contains("bet.example");
        assertThat(gateway.editor().current().config().profiles().get("kids").allow()).containsExactly("bet.example");
        clock.advance(Duration.ofDays(3));
        assertThat(lookup(PHONE, "bet.example.")).as("every device of the profile, for good").isEqualTo(REAL_ADDRESS);
    }

    @Test
    void blockPageSaysWhichSiteAndWhyInTheChildsLanguageWithTheHelpline() throws Exception {
        ChildHttp phone = new ChildHttp(PHONE, web());
        ChildHttp.Response en = phone.get("casino.example", "/slots?x=1", "en-US,en;q=0.8");
        assertThat(en.status()).isEqualTo(403);
        assertThat(en.body()).contains("This site is blocked", "You tried to open: casino.example",
                "betting and gambling", "A parent or teacher can unblock it", "href=\"tel:1280\"",
                "Child Helpline 1280", "http://hearth.lan:" + web().getPort() + "/?site=casino.example");
        ChildHttp.Response km = phone.get("casino.example", "/", "km-KH,km;q=0.9,en;q=0.5");
        assertThat(km.body()).contains("lang=\"km\"", "គេហទំព័រនេះត្រូវបានរារាំង", "ការភ្នាល់ និងល្បែងស៊ីសង",
                "Child Helpline 1280");
        assertThat(phone.get("wikipedia.org", "/", null).body()).as("a name that is not blocked (a stale answer)")
                .contains("This site is not blocked any more");
        assertThat(phone.get("casino.example", "/hearth-child.css", null).body()).as("the page's style loads")
                .contains("font");
    }

    @Test
    void formFromAnotherSiteOrWithoutTheTokenIsRefused() throws Exception {
        ChildHttp tablet = new ChildHttp(TABLET, web());
        String token = tablet.get("hearth.lan", "/", null).token();
        ChildHttp.Response crossSite = tablet.postForm("hearth.lan", "/ask", Map.of("token", token, "site",
                "casino.example"), "http://evil.example");
        assertThat(crossSite.status()).isEqualTo(403);
        ChildHttp.Response noToken = tablet.postForm("hearth.lan", "/ask", Map.of("site", "casino.example"), null);
        assertThat(noToken.status()).isEqualTo(403);
        String phoneToken = new ChildHttp(PHONE, web()).get("hearth.lan", "/", null).token();
        ChildHttp.Response othersToken = tablet.postForm("hearth.lan", "/ask", Map.of("token", phoneToken, "site",
                "casino.example"), "http://hearth.lan");
        assertThat(othersToken.status()).as("a token is for its own device").isEqualTo(403);
        assertThat(gateway.requests().list(false, 10)).isEmpty();
    }

    @Test
    void requestsAreRateLimitedPerDevice() throws Exception {
        ChildHttp tablet = new ChildHttp(TABLET, web());
        String token = tablet.get("hearth.lan", "/", null).token();
        for (int i = 0; i < UnblockRequests.PER_HOUR; i++) {
            ChildHttp.Response r = tablet.postForm("hearth.lan", "/ask", Map.of("token", token, "site",
                    "site" + i + ".example"), "http://hearth.lan");
            assertThat(r.status()).isEqualTo(200);
        }
        ChildHttp.Response over = tablet.postForm("hearth.lan", "/ask", Map.of("token", token, "site", "more.example"),
                "http://hearth.lan");
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.body()).contains("You have asked many times");
        ChildHttp phone = new ChildHttp(PHONE, web());
        assertThat(phone.postForm("hearth.lan", "/ask", Map.of("token", phone.get("hearth.lan", "/", null).token(),
                "site", "more.example"), "http://hearth.lan").status()).as("per device").isEqualTo(200);
    }

    private InetSocketAddress web() {
        return gateway.webAddresses().get(0);
    }

    private String lookup(String source) throws Exception {
        return lookup(source, "casino.example.");
    }

    /** The A record's address dig gets from the gateway when asking from {@code source}. */
    private String lookup(String source, String name) throws Exception {
        Dig.Result r = Dig.dig(gateway.dnsAddresses().get(0), "-b", source, "+short", "+tries=1", "+time=5", name, "A");
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output().strip();
    }

    private static Message answer(Message query) {
        String name = query.getQuestion().getName().toString().toLowerCase();
        Message response = DnsReplies.response(query, Rcode.NOERROR);
        response.addRecord(new ARecord(DnsReplies.name(name), DClass.IN, 120, IpLiteral.parse(REAL_ADDRESS)),
                Section.ANSWER);
        return response;
    }
}
