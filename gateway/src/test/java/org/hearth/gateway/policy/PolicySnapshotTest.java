package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.hearth.blocklists.CategorySet;
import org.hearth.gateway.query.ClientIdentity;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class PolicySnapshotTest {

    private static final ZoneId BOX = ZoneId.of("Asia/Phnom_Penh");
    /** 2026-11-25 is a Wednesday. */
    private static final ZonedDateTime WEDNESDAY_NOON = at("2026-11-25T12:00");

    private final PolicySnapshot policy = Fixtures.snapshot(Fixtures.FAMILY);
    private final MapDomainIndex index = new MapDomainIndex()
            .add("porn.example", "adult")
            .add("khanacademy.org", "adult") // a false positive the allow list must beat
            .add("casino.example", "gambling")
            .add("games.example", "games")
            .add("dns.doh.example", "dns-bypass")
            .add("evil.example", "malware");
    private final ClientIdentity kid = new ClientIdentity("Kid tablet", "Kid tablet", "kids");
    private final ClientIdentity parent = new ClientIdentity("Parent laptop", "Parent laptop", "parents");

    private static ZonedDateTime at(String local) {
        return LocalDateTime.parse(local).atZone(BOX);
    }

    private Decision decide(ClientIdentity who, String name, ZonedDateTime now) {
        return policy.decide(who, name, Type.A, now, index, null);
    }

    @Test
    void blockedCategoryNamesCategoryListedDomainAndListSource() {
        Decision d = decide(kid, "www.porn.example", WEDNESDAY_NOON);
        assertThat(d).isInstanceOf(Decision.Blocked.class);
        Reason r = d.reason();
        assertThat(r.kind()).isEqualTo(Reason.Kind.CATEGORY);
        assertThat(r.categories()).containsExactly("adult");
        assertThat(r.matched()).isEqualTo("porn.example");
        assertThat(r.sources()).containsExactly("ut1-adult");
        assertThat(d.who()).isEqualTo(kid);
        assertThat(r.text()).isEqualTo("category adult (listed as porn.example) [ut1-adult]");
    }

    @Test
    void twoProfilesDecideTheSameNameDifferently() {
        assertThat(decide(kid, "casino.example", WEDNESDAY_NOON)).isInstanceOf(Decision.Blocked.class);
        assertThat(decide(parent, "casino.example", WEDNESDAY_NOON)).isInstanceOf(Decision.Allowed.class);
        assertThat(decide(parent, "evil.example", WEDNESDAY_NOON).reason().categories()).containsExactly("malware");
    }

    @Test
    void allowBeatsCategoryAndDenyCoversSubdomainsOnly() {
        Decision allowed = decide(kid, "www.khanacademy.org", WEDNESDAY_NOON);
        assertThat(allowed).isInstanceOf(Decision.Allowed.class);
        assertThat(allowed.reason().kind()).isEqualTo(Reason.Kind.ALLOW_RULE);
        assertThat(allowed.reason().matched()).isEqualTo("khanacademy.org");

        assertThat(decide(kid, "a.b.example.net", WEDNESDAY_NOON).reason())
                .isEqualTo(Reason.rule(Reason.Kind.DENY_RULE, "example.net"));
        assertThat(decide(kid, "notexample.net", WEDNESDAY_NOON)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void bedtimeCrossesMidnightAndSparesTheAllowList() {
        assertThat(decide(kid, "wikipedia.org", at("2026-11-25T20:59"))).isInstanceOf(Decision.Allowed.class);
        Decision late = decide(kid, "wikipedia.org", at("2026-11-25T21:00"));
        assertThat(late.reason().kind()).isEqualTo(Reason.Kind.SCHEDULE);
        assertThat(late.reason().schedule()).isEqualTo("bedtime");
        assertThat(decide(kid, "wikipedia.org", at("2026-11-26T06:59"))).isInstanceOf(Decision.Blocked.class);
        assertThat(decide(kid, "wikipedia.org", at("2026-11-26T07:00"))).isInstanceOf(Decision.Allowed.class);
        assertThat(decide(kid, "khanacademy.org", at("2026-11-25T23:00"))).isInstanceOf(Decision.Allowed.class);
        assertThat(decide(parent, "wikipedia.org", at("2026-11-25T23:00"))).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void homeworkWindowAddsCategoriesOnWeekdaysOnly() {
        Decision wednesday = decide(kid, "games.example", at("2026-11-25T17:00"));
        assertThat(wednesday.reason().kind()).isEqualTo(Reason.Kind.SCHEDULE);
        assertThat(wednesday.reason().schedule()).isEqualTo("homework");
        assertThat(wednesday.reason().categories()).containsExactly("games");
        assertThat(decide(kid, "games.example", at("2026-11-28T17:00"))).isInstanceOf(Decision.Allowed.class);
        assertThat(decide(kid, "games.example", at("2026-11-25T18:00"))).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void windowStartingFridayNightEndsSaturdayMorningNotFridayMorning() {
        Schedule s = new Schedule("late", Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(2, 0),
                CategorySet.EMPTY, true);
        assertThat(s.activeAt(at("2026-11-27T23:30"))).isTrue(); // Friday night
        assertThat(s.activeAt(at("2026-11-28T01:59"))).isTrue(); // Saturday early
        assertThat(s.activeAt(at("2026-11-28T02:00"))).isFalse();
        assertThat(s.activeAt(at("2026-11-27T01:00"))).isFalse(); // Friday early: Thursday has no window
        assertThat(s.activeAt(at("2026-11-28T23:00"))).isFalse();
    }

    @Test
    void pauseBlocksEverythingUntilItEnds() {
        Instant until = WEDNESDAY_NOON.toInstant().plusSeconds(1800);
        Decision paused = policy.decide(kid, "khanacademy.org", Type.A, WEDNESDAY_NOON, index, until);
        assertThat(paused.reason().kind()).isEqualTo(Reason.Kind.PAUSE);
        assertThat(paused.reason().until()).isEqualTo(until);
        assertThat(policy.decide(kid, "khanacademy.org", Type.A, WEDNESDAY_NOON.plusMinutes(30), index, until))
                .isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void canariesAnswerNegativelyUnlessTheProfileTurnsBypassProtectionOff() {
        for (String canary : List.of("use-application-dns.net", "mask.icloud.com", "mask-h2.icloud.com")) {
            Decision d = decide(kid, canary, WEDNESDAY_NOON);
            assertThat(d).isInstanceOf(Decision.Blocked.class);
            assertThat(((Decision.Blocked) d).response()).isEqualTo(Decision.Response.NXDOMAIN);
            assertThat(decide(parent, canary, WEDNESDAY_NOON)).isInstanceOf(Decision.Allowed.class);
        }
        Decision ddr = decide(kid, "_dns.resolver.arpa", WEDNESDAY_NOON);
        assertThat(((Decision.Blocked) ddr).response()).isEqualTo(Decision.Response.NODATA);
        assertThat(decide(kid, "dns.doh.example", WEDNESDAY_NOON).reason().categories()).contains("dns-bypass");
        assertThat(decide(parent, "dns.doh.example", WEDNESDAY_NOON)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void esniNameOfBlockedNameIsBlockedForItsCategory() {
        Decision d = decide(kid, "_esni.porn.example", WEDNESDAY_NOON);
        assertThat(d).isInstanceOf(Decision.Blocked.class);
        assertThat(d.reason().categories()).containsExactly("adult");
        assertThat(d.reason().matched()).isEqualTo("porn.example");
        assertThat(decide(kid, "_esni.wikipedia.org", WEDNESDAY_NOON)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void safeSearchRewritesEveryGoogleCountryYouTubeAndOthersForTheKidsOnly() {
        assertThat(rewrite(kid, "www.google.co.uk")).isEqualTo("forcesafesearch.google.com");
        assertThat(rewrite(kid, "google.com.kh")).isEqualTo("forcesafesearch.google.com");
        assertThat(rewrite(kid, "www.youtube.com")).isEqualTo("restrictmoderate.youtube.com");
        assertThat(rewrite(kid, "www.bing.com")).isEqualTo("strict.bing.com");
        assertThat(rewrite(kid, "duckduckgo.com")).isEqualTo("safe.duckduckgo.com");
        assertThat(rewrite(kid, "search.brave.com")).isEqualTo("forcesafe.search.brave.com");
        assertThat(rewrite(kid, "www.ecosia.org")).isEqualTo("strict-safe-search.ecosia.org");
        assertThat(rewrite(kid, "pixabay.com")).isEqualTo("safesearch.pixabay.com");
        assertThat(rewrite(kid, "yandex.ru")).isEqualTo("familysearch.yandex.ru");
        assertThat(decide(kid, "forcesafesearch.google.com", WEDNESDAY_NOON)).isInstanceOf(Decision.Allowed.class);
        assertThat(decide(kid, "mail.google.com", WEDNESDAY_NOON)).isInstanceOf(Decision.Allowed.class);
        assertThat(decide(parent, "www.google.com", WEDNESDAY_NOON)).isInstanceOf(Decision.Allowed.class);
        assertThat(policy.decide(kid, "www.google.com", Type.MX, WEDNESDAY_NOON, index, null))
                .isInstanceOf(Decision.Allowed.class);
        assertThat(policy.decide(kid, "www.google.com", Type.HTTPS, WEDNESDAY_NOON, index, null))
                .isInstanceOf(Decision.Rewritten.class);
        assertThat(SafeSearchTargets.builtIn().target("www.youtube.com", YouTubeMode.STRICT))
                .isEqualTo("restrict.youtube.com");
    }

    private String rewrite(ClientIdentity who, String name) {
        Decision d = decide(who, name, WEDNESDAY_NOON);
        assertThat(d).as(name).isInstanceOf(Decision.Rewritten.class);
        return ((Decision.Rewritten) d).target();
    }

    @Test
    void allowOnlyLabResolvesItsAllowListAndNothingElse() {
        PolicySnapshot lab = Fixtures.snapshot("""
                profiles:
                  lab: {preset: school-lab, allowOnly: true, allow: [wikipedia.org, khanacademy.org]}
                """);
        ClientIdentity pc = new ClientIdentity("ip:10.1.2.9", null, "lab");
        assertThat(lab.decide(pc, "en.wikipedia.org", Type.A, WEDNESDAY_NOON, index, null))
                .isInstanceOf(Decision.Allowed.class);
        assertThat(lab.decide(pc, "example.org", Type.A, WEDNESDAY_NOON, index, null).reason().kind())
                .isEqualTo(Reason.Kind.ALLOW_ONLY);
    }

    @Test
    void cnameChainReachingBlockedNameIsBlockedForItsCategory() {
        Decision.Blocked b = policy.checkChain(kid, "innocent.example", List.of("cdn.example", "x.casino.example"),
                WEDNESDAY_NOON, index);
        assertThat(b).isNotNull();
        assertThat(b.reason().kind()).isEqualTo(Reason.Kind.CNAME_CLOAKING);
        assertThat(b.reason().via()).isEqualTo("x.casino.example");
        assertThat(b.reason().categories()).containsExactly("gambling");
        assertThat(policy.checkChain(parent, "innocent.example", List.of("x.casino.example"), WEDNESDAY_NOON, index))
                .isNull();
        assertThat(policy.checkChain(kid, "khanacademy.org", List.of("x.casino.example"), WEDNESDAY_NOON, index))
                .as("an allow-listed name is trusted whatever it points to").isNull();
    }

    @Test
    void unknownProfileNameFallsBackToTheDefault() {
        ClientIdentity gone = new ClientIdentity("x", null, "deleted-profile");
        assertThat(policy.profileOf(gone).name()).isEqualTo("kids");
    }
}
