package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hearth.gateway.config.IdentityConfig;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {

    private static List<String> problems(String yaml) {
        return new PolicyCompiler().validate(Fixtures.config(yaml)).stream().map(Problem::toString).toList();
    }

    @Test
    void misspelledCategoryIsNamedWithItsKeyPath() {
        assertThat(problems("""
                profiles:
                  kids: {block: [adult, dating, gamblin]}
                """)).containsExactly("profiles.kids.block[2]: \"gamblin\" is not a category");
    }

    @Test
    void everyProblemIsListedNotJustTheFirst() {
        List<String> p = problems("""
                profiles:
                  kids:
                    preset: kid
                    allow: ["bad name!"]
                    youtube: loud
                    schedules:
                      - {name: bedtime, days: [mon, funday], from: "25:00", to: "07:00", blockAll: true}
                      - {name: empty, from: "16:00", to: "18:00"}
                  teens: {preset: teen}
                devices:
                  - {name: Tablet, match: ["192.168.1.300", "aa:bb:cc:dd:ee:zz"], profile: kidz}
                  - {name: Tablet, match: []}
                blocking: {mode: sinkhole}
                """);
        assertThat(p).contains(
                "profiles.kids.preset: \"kid\" is not a preset; one of [young-child, child, teen, adult, guest, school-lab]",
                "profiles.kids.youtube: \"loud\" is not off, moderate or strict",
                "profiles.kids.schedules[0].days[1]: \"funday\" is not a day (mon..sun, weekdays, weekends, daily)",
                "profiles.kids.schedules[0].from: \"25:00\" is not a time of day (HH:mm)",
                "profiles.kids.schedules[1]: needs block: [categories] or blockAll: true",
                "devices[0].profile: \"kidz\" is not a profile; one of [kids, teens]",
                "devices[0].match[0]: \"192.168.1.300\" is not an IP address, CIDR or MAC address",
                "devices[0].match[1]: \"aa:bb:cc:dd:ee:zz\" is not an IP address, CIDR or MAC address",
                "devices[1].name: \"Tablet\" is already the name of devices[0]",
                "devices[1].match: needs at least one IP, CIDR or MAC address",
                "blocking.mode: \"sinkhole\" is not zero-ip, nxdomain or blockpage",
                "defaultProfile: required when there are several profiles; one of [kids, teens]");
        assertThat(p).anyMatch(s -> s.startsWith("profiles.kids.allow[0]: \"bad name!\" is not a domain name"));
    }

    @Test
    void sameAddressOnTwoDevicesIsAProblem() {
        assertThat(problems("""
                devices:
                  - {name: A, match: ["192.168.1.5"]}
                  - {name: B, match: ["192.168.1.5/32"]}
                """)).containsExactly("devices[1].match[0]: \"192.168.1.5/32\" is already matched by devices[0].match[0]");
    }

    @Test
    void customCategoryFromListsCanBeBlocked() {
        assertThat(problems("""
                lists: [{name: school-extra, category: homework-cheats, source: x.txt}]
                profiles:
                  lab: {block: [homework-cheats]}
                """)).isEmpty();
    }

    @Test
    void customCategoryDeclaredOutsideTheListsCanBeBlocked() {
        PolicyCompiler compiler = new PolicyCompiler(c -> IdentityConfig.DEFAULTS, c -> List.of("homework-cheats"));
        assertThat(compiler.validate(Fixtures.config("profiles: {lab: {block: [homework-cheats]}}"))).isEmpty();
        assertThat(new PolicyCompiler().validate(Fixtures.config("profiles: {lab: {block: [homework-cheats]}}")))
                .extracting(Problem::toString)
                .containsExactly("profiles.lab.block[0]: \"homework-cheats\" is not a category");
    }

    @Test
    void untrustworthyForwarderAddressIsNamed() {
        PolicyCompiler compiler = new PolicyCompiler(c -> new IdentityConfig(List.of("192.168.1.1", "dnsmasq.lan"),
                null, null, null, null, null));
        assertThat(compiler.validate(Fixtures.config("{}")).stream().map(Problem::toString))
                .containsExactly("identity.trustedForwarders[1]: \"dnsmasq.lan\" is not a CIDR (\"dnsmasq.lan\" is not an IP address;"
                        + " write e.g. 192.168.1.0/24 or fd00::/8)");
    }

    @Test
    void emptyConfigGetsAnImplicitProfileThatOnlyBlocksMalwareAndPhishing() {
        PolicySnapshot s = Fixtures.snapshot("{}");
        Profile p = s.defaultProfile();
        assertThat(p.name()).isEqualTo(PolicyCompiler.IMPLICIT_PROFILE);
        assertThat(s.catalog().ids(p.blocked())).containsExactly("malware", "phishing");
        assertThat(p.bypassProtection()).isFalse();
    }

    @Test
    void presetIsAStartingPointThatBlockAndUnblockAdjust() {
        PolicySnapshot s = Fixtures.snapshot("""
                profiles:
                  kids: {preset: teen, block: [games], unblock: [piracy], bypassProtection: false}
                """);
        List<String> ids = s.catalog().ids(s.defaultProfile().blocked());
        assertThat(ids).contains("adult", "games").doesNotContain("piracy", "dns-bypass", "proxy-vpn");
        assertThat(s.defaultProfile().safeSearch()).isTrue();
    }

    @Test
    void everyPresetCompilesAndBypassProtectionAddsBypassCategories() {
        for (Preset preset : Preset.values()) {
            PolicySnapshot s = Fixtures.snapshot("profiles: {p: {preset: " + preset.key() + "}}");
            List<String> ids = s.catalog().ids(s.defaultProfile().blocked());
            assertThat(ids).as(preset.key()).contains("malware", "phishing");
            if (preset.bypassProtection()) {
                assertThat(ids).as(preset.key()).contains("dns-bypass", "proxy-vpn");
            }
        }
    }

    @Test
    void wildcardRuleIsExplained() {
        assertThat(problems("profiles: {kids: {deny: [\"*.tiktok.com\"]}}")).containsExactly(
                "profiles.kids.deny[0]: \"*.tiktok.com\" is not a domain name: write tiktok.com: a rule already covers"
                        + " every name below it");
    }

    @Test
    void allowAndDenyRulesAreNormalisedOnce() {
        PolicySnapshot s = Fixtures.snapshot("""
                profiles:
                  kids: {allow: ["Example.COM.", "bücher.de"]}
                """);
        assertThat(s.defaultProfile().allow().rules()).containsExactlyInAnyOrder("example.com", "xn--bcher-kva.de");
    }
}
