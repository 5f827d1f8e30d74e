package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hearth.blocklists.DomainIndexHolder;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.IdentityConfig;
import org.hearth.gateway.dns.DnsListeners;
import org.hearth.gateway.dns.EdgeCounters;
import org.hearth.gateway.dns.NettyTransport;
import org.hearth.gateway.dns.QueryDispatcher;
import org.hearth.gateway.guard.AccessList;
import org.hearth.gateway.guard.GuardStage;
import org.hearth.gateway.query.Chain;
import org.hearth.gateway.resolve.AnswerCache;
import org.hearth.gateway.resolve.CacheStage;
import org.hearth.gateway.resolve.ForwardStage;
import org.hearth.gateway.resolve.UpstreamAddress;
import org.hearth.gateway.resolve.UpstreamPool;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.DnsReplies;
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
 * The policy stages in the real chain, between the real edge listeners and a real upstream on
 * loopback, asked by the real {@code dig} from different loopback source addresses (127.0.0.2 is
 * the kid's tablet, 127.0.0.3 the parent's laptop). Time is a movable clock in the box's zone.
 */
class PolicyIT {

    /** Wednesday 2026-11-25 12:00 in Phnom Penh. */
    private static final Instant NOON = Instant.parse("2026-11-25T05:00:00Z");
    private static final String KID = "127.0.0.2";
    private static final String PARENT = "127.0.0.3";
    private static final String FORWARDER = "127.0.0.53";
    private static final String STRANGER = "127.0.0.54";

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
    private NettyTransport transport;
    private UpstreamPool pool;
    private DnsListeners listeners;
    private PolicySnapshots policy;
    private PolicyReloader reloader;
    private final Pauses pauses = new Pauses();
    private final MovableClock clock = new MovableClock(NOON, StageFixtures.BOX);
    private final StageFixtures.Recorder blocks = new StageFixtures.Recorder();

    @BeforeEach
    void start() throws Exception {
        upstream = ScriptedUpstream.start(q -> Reply.message(answer(q.message())));
        configFile = dir.resolve("hearth.yml");
        Files.writeString(configFile, config(""));
        HearthConfig settings = ConfigLoader.load(configFile).config();
        // 127.0.0.53 plays a dnsmasq in front of the gateway that adds the client's MAC (add-mac).
        PolicyCompiler compiler = new PolicyCompiler(c -> new IdentityConfig(List.of(FORWARDER), null, null, null,
                null, null));
        policy = new PolicySnapshots(compiler.compile(settings).snapshot());
        reloader = new PolicyReloader(configFile, compiler, policy);
        DomainIndexHolder index = StageFixtures.index();
        DeviceIdentifier identifier = new DeviceIdentifier(() -> NeighbourTable.EMPTY, new DeviceRegistry(100), clock);

        transport = NettyTransport.create(1, true);
        pool = UpstreamPool.start(List.of(UpstreamAddress.parse(settings.upstreams().get(0))), settings.upstream(),
                transport);
        Chain chain = Chain.of(
                new GuardStage(AccessList.of(settings.dns().allow())),
                new IdentifyStage(policy, identifier),
                new PolicyStage(policy, index, pauses, clock, blocks),
                new AnswerCheckStage(policy, index, clock, blocks),
                new CacheStage(new AnswerCache(settings.cache(), com.github.benmanes.caffeine.cache.Ticker.systemTicker())),
                new ForwardStage(pool));
        listeners = DnsListeners.bind(settings.dns(), transport, new QueryDispatcher(chain, new EdgeCounters()));
    }

    @AfterEach
    void stop() {
        if (listeners != null) {
            listeners.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (transport != null) {
            transport.close();
        }
        upstream.close();
    }

    private String config(String extraDeny) {
        return """
                dns: {listen: ["127.0.0.1:0"]}
                upstreams: ["127.0.0.1:%d"]
                lists:
                  - {name: ut1-gambling, category: gambling, source: lists/gambling.txt}
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
                """.formatted(upstream.address().getPort(), extraDeny, KID, PARENT);
    }

    private static Message answer(Message query) {
        String name = query.getQuestion().getName().toString().toLowerCase();
        Message response = DnsReplies.response(query, ZONE.containsKey(name) ? Rcode.NOERROR : Rcode.NXDOMAIN);
        for (int i = 0; i < 8 && ZONE.containsKey(name); i++) {
            String value = ZONE.get(name);
            if (!value.endsWith(".")) {
                response.addRecord(new ARecord(DnsReplies.name(name), DClass.IN, 120, org.hearth.gateway.config.IpLiteral.parse(value)),
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
        return listeners.addresses().get(0);
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
        assertThat(blocks.blocks).hasSize(2).allSatisfy(b -> {
            assertThat(b.who().deviceName()).isEqualTo("Kid tablet");
            assertThat(b.who().profileName()).isEqualTo("kids");
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
        pauses.pause("Kid tablet", clock.instant().plus(Duration.ofMinutes(30)));
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
        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(ask(KID, "wikipedia.org").output()).contains("0.0.0.0").contains("deny list: wikipedia.org");

        Files.writeString(configFile, config(", wikipedia.org").replace("block: [gambling]", "block: [gamblin]"));
        assertThat(reloader.reload()).extracting(Problem::toString)
                .containsExactly("profiles.kids.block[0]: \"gamblin\" is not a category");
        assertThat(ask(KID, "casino.example").output()).contains("0.0.0.0");
        assertThat(ask(KID, "wikipedia.org").output()).contains("deny list: wikipedia.org");
    }
}
