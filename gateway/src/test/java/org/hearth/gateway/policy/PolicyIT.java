package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.cli.ServeCommand;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.ConfigWatcher;
import org.hearth.gateway.config.IpLiteral;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogEntry;
import org.hearth.gateway.log.LogQueries;
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
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * The policy in the real gateway ({@link Gateway#start}, as {@code hearth serve} starts it) with an
 * inline config, a list source file and a real upstream on loopback, asked by the real {@code dig}
 * from different loopback source addresses (127.0.0.2 is the kid's tablet, 127.0.0.3 the parent's
 * laptop). Time is a movable clock in the box's zone; reloads go through a {@link ConfigWatcher} and
 * {@link Gateway#apply}, as serve wires them.
 */
class PolicyIT {

    /** Wednesday 2026-11-25 12:00 in Phnom Penh. */
    private static final Instant NOON = Instant.parse("2026-11-25T05:00:00Z");
    private static final String KID = "127.0.0.2";
    private static final String PARENT = "127.0.0.3";
    private static final String FORWARDER = "127.0.0.53";
    private static final String STRANGER = "127.0.0.54";
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What the upstream knows: a name maps to an address or to the next name of a CNAME chain. */
    private static final Map<String, String> ZONE = Map.of(
            "casino.example.", "198.51.100.7",
            "wikipedia.org.", "198.51.100.20",
            "forcesafesearch.google.com.", "216.239.38.120",
            "www.google.com.", "142.250.1.1",
            "shop.example.", "edge.casino.example.",
            "edge.casino.example.", "198.51.100.8",
            "use-application-dns.net.", "198.51.100.99");

    @TempDir
    Path dir;
    private Path configFile;
    private ScriptedUpstream upstream;
    private Gateway gateway;
    private ConfigWatcher watcher;
    private final List<List<String>> rejected = new CopyOnWriteArrayList<>();
    private final MovableClock clock = new MovableClock(NOON, StageFixtures.BOX);

    @BeforeEach
    void start() throws Exception {
        upstream = ScriptedUpstream.start(q -> Reply.message(answer(q.message())));
        Files.createDirectories(dir.resolve("lists"));
        // A list source as a box keeps it: a file of names, one category; the hidden CNAME target is below it.
        Files.writeString(dir.resolve("lists/gambling.txt"), "# test list\ncasino.example\nbet.example\n");
        configFile = dir.resolve("hearth.yml");
        Files.writeString(configFile, config(""));
        LoadedConfig loaded = ConfigLoader.load(configFile, ServeCommand.CHECKS);
        gateway = Gateway.start(loaded, Ticker.systemTicker(), clock);
        gateway.lists().ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // As serve wires it; the test polls by hand instead of waiting for the timer.
        watcher = new ConfigWatcher(configFile, ServeCommand.CHECKS, new ConfigWatcher.Listener() {
            @Override
            public void reloaded(LoadedConfig next) {
                gateway.apply(next);
            }

            @Override
            public void rejected(List<String> problems) {
                rejected.add(problems);
            }
        });
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        upstream.close();
    }

    private String config(String extraDeny) {
        return """
                dns: {listen: ["127.0.0.1:0"]}
                admin: {listen: []}
                web: {listen: []}
                upstreams: ["127.0.0.1:%d"]
                lists:
                  - {name: ut1-gambling, category: gambling, source: lists/gambling.txt}
                identity:
                  # 127.0.0.53 plays a dnsmasq in front of the gateway that adds the client's MAC (add-mac)
                  trustedForwarders: ["%s"]
                  arpFile: ""
                  ipv6Neighbours: ""
                  seenFile: ""
                profiles:
                  kids:
                    preset: child
                    block: [gambling]
                    allow: [khanacademy.org]
                    deny: [example.net%s]
                    safeSearch: true
                    schedules:
                      - {name: bedtime, days: [daily], from: "21:00", to: "07:00", blockAll: true}
                  parents: {preset: adult}
                devices:
                  - {name: Kid tablet, match: ["%s"], profile: kids}
                  - {name: Parent laptop, match: ["%s", "aa:bb:cc:dd:ee:03"], profile: parents}
                defaultProfile: kids
                """.formatted(upstream.address().getPort(), FORWARDER, extraDeny, KID, PARENT);
    }

    private static Message answer(Message query) {
        String name = query.getQuestion().getName().toString().toLowerCase();
        Message response = DnsReplies.response(query, ZONE.containsKey(name) ? Rcode.NOERROR : Rcode.NXDOMAIN);
        for (int i = 0; i < 8 && ZONE.containsKey(name); i++) {
            String value = ZONE.get(name);
            if (!value.endsWith(".")) {
                response.addRecord(new ARecord(DnsReplies.name(name), DClass.IN, 120, IpLiteral.parse(value)),
                        Section.ANSWER);
                break;
            }
            response.addRecord(new CNAMERecord(DnsReplies.name(name), DClass.IN, 120, DnsReplies.name(value)),
                    Section.ANSWER);
            name = value;
        }
        return response;
    }

    private InetSocketAddress gateway() {
        return gateway.dnsAddresses().get(0);
    }

    /** What the blocked-lookup log holds, oldest first, once the writer has caught up. */
    private List<LogEntry> logged() throws Exception {
        gateway.blockLog().flush(WAIT);
        return new LogQueries(LogDatabase.inDataDir(dir, clock)).newerThan(0, 100);
    }

    /** Two polls, as the watcher's timer would make them: the change is seen, then found settled. */
    private void pollTwice() {
        watcher.poll();
        watcher.poll();
    }

    private Dig.Result ask(String device, String name, String... more) throws Exception {
        String[] args = new String[4 + more.length];
        args[0] = "-b";
        args[1] = device;
        args[2] = name;
        args[3] = "A";
        System.arraycopy(more, 0, args, 4, more.length);
        Dig.Result r = Dig.dig(gateway(), args);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r;
    }

    private List<String> records(String device, String name, String... more) throws Exception {
        String[] args = new String[more.length + 2];
        System.arraycopy(more, 0, args, 0, more.length);
        args[more.length] = "+noall";
        args[more.length + 1] = "+answer";
        return ask(device, name, args).recordsWithoutTtl();
    }

    @Test
    void twoDevicesGetDifferentAnswersForTheSameName() throws Exception {
        Dig.Result kid = ask(KID, "casino.example");
        assertThat(kid.output()).contains("status: NOERROR")
                .containsPattern("casino\\.example\\.\\s+5\\s+IN\\s+A\\s+0\\.0\\.0\\.0")
                .contains("EDE: 15 (Blocked)").contains("category gambling (listed as casino.example) [ut1-gambling]")
                .contains("OPT PSEUDOSECTION");
        assertThat(records(PARENT, "casino.example")).containsExactly("casino.example. IN A 198.51.100.7");
        assertThat(ask(KID, "casino.example", "+tcp").output()).contains("(TCP)").contains("EDE: 15 (Blocked)");
        assertThat(logged()).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.deviceName()).isEqualTo("Kid tablet");
            assertThat(entry.profile()).isEqualTo("kids");
            assertThat(entry.name()).isEqualTo("casino.example");
        });
        assertThat(upstream.received()).extracting(q -> q.message().getQuestion().getName().toString())
                .containsExactly("casino.example.");
    }

    @Test
    void macAddedByATrustedForwarderIdentifiesTheDeviceAndFromAnyoneElseIsIgnored() throws Exception {
        String parentMac = "+ednsopt=65001:aabbccddee03";
        assertThat(records(FORWARDER, "casino.example", parentMac))
                .containsExactly("casino.example. IN A 198.51.100.7");
        assertThat(ask(STRANGER, "casino.example", parentMac).output()).contains("0.0.0.0").contains("EDE: 15");
    }

    @Test
    void bedtimeBlocksAllButTheAllowListUntilMorning() throws Exception {
        assertThat(records(KID, "wikipedia.org")).containsExactly("wikipedia.org. IN A 198.51.100.20");
        clock.set(Instant.parse("2026-11-25T15:30:00Z")); // 22:30 in Phnom Penh
        assertThat(ask(KID, "wikipedia.org").output()).contains("0.0.0.0").contains("schedule \"bedtime\"");
        assertThat(records(PARENT, "wikipedia.org")).containsExactly("wikipedia.org. IN A 198.51.100.20");
        clock.set(Instant.parse("2026-11-26T00:00:00Z")); // 07:00 next morning
        assertThat(records(KID, "wikipedia.org")).containsExactly("wikipedia.org. IN A 198.51.100.20");
    }

    @Test
    void pauseTakesTheDeviceOfflineForThirtyMinutes() throws Exception {
        gateway.policy().pauses().pause("Kid tablet", clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(ask(KID, "wikipedia.org").output()).contains("0.0.0.0").contains("paused until");
        assertThat(records(PARENT, "wikipedia.org")).containsExactly("wikipedia.org. IN A 198.51.100.20");
        clock.advance(Duration.ofMinutes(30));
        assertThat(records(KID, "wikipedia.org")).containsExactly("wikipedia.org. IN A 198.51.100.20");
    }

    @Test
    void safeSearchRewritesForTheKidOnly() throws Exception {
        assertThat(records(KID, "www.google.com")).containsExactly(
                "forcesafesearch.google.com. IN A 216.239.38.120",
                "www.google.com. IN CNAME forcesafesearch.google.com.");
        assertThat(records(PARENT, "www.google.com")).containsExactly("www.google.com. IN A 142.250.1.1");
    }

    @Test
    void firefoxCanaryIsNxdomainForTheKidAndResolvesForTheParent() throws Exception {
        assertThat(ask(KID, "use-application-dns.net").output()).contains("status: NXDOMAIN");
        assertThat(records(PARENT, "use-application-dns.net"))
                .containsExactly("use-application-dns.net. IN A 198.51.100.99");
    }

    @Test
    void cnameCloakingIsBlockedForTheCategoryOfTheHiddenName() throws Exception {
        Dig.Result kid = ask(KID, "shop.example");
        assertThat(kid.output()).containsPattern("shop\\.example\\.\\s+5\\s+IN\\s+A\\s+0\\.0\\.0\\.0")
                .contains("CNAME to edge.casino.example");
        assertThat(records(PARENT, "shop.example")).containsExactly(
                "edge.casino.example. IN A 198.51.100.8", "shop.example. IN CNAME edge.casino.example.");
    }

    @Test
    void configEditTakesEffectAndAnInvalidOneIsRejectedKeepingThePolicy() throws Exception {
        assertThat(records(KID, "wikipedia.org")).containsExactly("wikipedia.org. IN A 198.51.100.20");

        Files.writeString(configFile, config(", wikipedia.org"));
        pollTwice();
        assertThat(rejected).isEmpty();
        assertThat(ask(KID, "wikipedia.org").output()).contains("0.0.0.0").contains("deny list: wikipedia.org");

        String invalid = config(", wikipedia.org").replace("block: [gambling]", "block: [gamblin]");
        Files.writeString(configFile, invalid);
        pollTwice();
        assertThat(rejected).singleElement().asList().singleElement().asString()
                .matches("hearth\\.yml:\\d+: profiles\\.kids\\.block\\[0\\]: \"gamblin\" is not a category.*");
        assertThat(ask(KID, "casino.example").output()).contains("0.0.0.0");
        assertThat(ask(KID, "wikipedia.org").output()).contains("deny list: wikipedia.org");

        // Gateway.apply itself refuses a policy that does not compile, for callers without the checks.
        assertThat(gateway.apply(ConfigLoader.load(configFile))).extracting(Problem::toString)
                .containsExactly("profiles.kids.block[0]: \"gamblin\" is not a category");
        assertThat(ask(KID, "casino.example").output()).contains("0.0.0.0").contains("category gambling");
    }
}
