package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One bad config per rule, each with the exact line a person would read. */
class ValidationRulesTest {

    @TempDir
    Path dir;

    private List<String> problems(String yaml, ConfigCheck... extra) throws IOException {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, yaml);
        try {
            ConfigLoader.load(file, List.of(extra));
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("config was accepted:\n" + yaml);
    }

    @Test
    void adminAndWebListenAddresses() throws IOException {
        assertThat(problems("""
                admin:
                  listen: ["0.0.0.0:80800"]
                web:
                  listen: ["[fe80::1%eth0]:80", "[::]"]
                """)).containsExactly(
                "hearth.yml:2: admin.listen[0]: \"0.0.0.0:80800\" is not host:port (port 0-65535)",
                "hearth.yml:4: web.listen[0]: \"[fe80::1%eth0]:80\" is not host:port"
                        + " (zone ids such as %eth0 are not supported)");
    }

    @Test
    void upstreamAddressesAndLoops() throws IOException {
        assertThat(problems("""
                dns:
                  listen: ["127.0.0.1:53"]
                upstreams:
                  - 127.0.0.1
                  - "[2001:db8::1]:5300"
                  - "2001:db8::1"
                  - "[2001:db8::1]5300"
                  - dns.google
                """)).containsExactly(
                "hearth.yml:4: upstreams[0]: \"127.0.0.1\" is one of hearth's own dns.listen addresses;"
                        + " forwarding to it would loop",
                "hearth.yml:7: upstreams[3]: \"[2001:db8::1]5300\" is not host:port (unexpected \"5300\" after ])",
                "hearth.yml:8: upstreams[4]: \"dns.google\" is not host:port (\"dns.google\" is not an IP address;"
                        + " names are not resolved here)");
    }

    @Test
    void upstreamOnLoopbackLoopsWhenWeListenOnEveryAddress() throws IOException {
        assertThat(problems("dns:\n  listen: [\"0.0.0.0:53\"]\nupstreams: [\"127.0.0.1\", \"127.0.0.53\","
                + " \"127.0.0.1:5300\", \"192.168.1.1\"]\n")).containsExactly(
                "hearth.yml:3: upstreams[0]: \"127.0.0.1\" is one of hearth's own dns.listen addresses;"
                        + " forwarding to it would loop",
                "hearth.yml:3: upstreams[1]: \"127.0.0.53\" is one of hearth's own dns.listen addresses;"
                        + " forwarding to it would loop");
    }

    @Test
    void sameAddressTwice() throws IOException {
        assertThat(problems("""
                dns:
                  listen: ["127.0.0.1:5353", "[::1]:5353", "127.0.0.1:5353"]
                upstreams: ["10.0.0.1", "10.0.0.2", "10.0.0.1:53"]
                dataDir: "data\\u0000"
                """)).containsExactly(
                "hearth.yml:2: dns.listen[2]: \"127.0.0.1:5353\" is the same address as dns.listen[0]"
                        + " (\"127.0.0.1:5353\")",
                "hearth.yml:3: upstreams[2]: \"10.0.0.1:53\" is the same address as upstreams[0] (\"10.0.0.1\")",
                "hearth.yml:4: dataDir: \"data\u0000\" is not a folder path (Nul character not allowed)");
    }

    @Test
    void allowNetworks() throws IOException {
        assertThat(problems("dns:\n  allow: [\"10.0.0.0/8\", \"192.168.1.0/x\", \"::1/128\", \"lan\"]\n"))
                .containsExactly(
                        "hearth.yml:2: dns.allow[1]: \"192.168.1.0/x\" is not a CIDR (prefix length 0-32 for IPv4)",
                        "hearth.yml:2: dns.allow[3]: \"lan\" is not a CIDR (\"lan\" is not an IP address;"
                                + " write e.g. 192.168.1.0/24 or fd00::/8)");
    }

    @Test
    void durationsAndSizes() throws IOException {
        assertThat(problems("""
                dns:
                  tcpIdleTimeout: 0s
                  maxTcpQueriesInFlight: -1
                upstream:
                  timeout: 2 seconds
                cache:
                  minTtl: 2h
                  maxTtl: 1h
                """)).containsExactly(
                "hearth.yml:2: dns.tcpIdleTimeout: \"0s\" must be longer than zero",
                "hearth.yml:3: dns.maxTcpQueriesInFlight: -1 must be 1 or more",
                "hearth.yml:5: upstream.timeout: \"2 seconds\" is not a duration;"
                        + " write e.g. 2s, 500ms, 30m, 1h, 1d, 1h30m or PT2S",
                "hearth.yml:7: cache.minTtl: \"2h\" is longer than cache.maxTtl (1h)");
    }

    @Test
    void udpSocketsIsZeroForOnePerCpuOrACountUpToTheBound() throws Exception {
        assertThat(problems("dns:\n  udpSockets: -1\n")).containsExactly(
                "hearth.yml:2: dns.udpSockets: -1 must be 0 (one per CPU) to 64");
        assertThat(problems("dns:\n  udpSockets: 65\n")).containsExactly(
                "hearth.yml:2: dns.udpSockets: 65 must be 0 (one per CPU) to 64");
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, "dns:\n  udpSockets: 3\n");
        assertThat(ConfigLoader.load(file).config().dns().udpSocketCount()).isEqualTo(3);
        Files.writeString(file, "dns: {}\n");
        assertThat(ConfigLoader.load(file).config().dns().udpSocketCount())
                .isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), DnsConfig.MAX_UDP_SOCKETS));
    }

    @Test
    void floodLimitsAreInRangeAndTheRateLimitMayBeOff() throws Exception {
        assertThat(problems("""
                dns:
                  rateLimit: -5
                  rateLimitBurst: 0
                  maxTcpConnectionsPerClient: 0
                  rateLimitExempt: ["192.168.1.1", "router"]
                upstream:
                  maxInFlight: 0
                """)).containsExactly(
                "hearth.yml:2: dns.rateLimit: -5 must be 0 (off) or more",
                "hearth.yml:3: dns.rateLimitBurst: 0 must be 1 or more",
                "hearth.yml:4: dns.maxTcpConnectionsPerClient: 0 must be 1 or more",
                "hearth.yml:5: dns.rateLimitExempt[1]: \"router\" is not a CIDR (\"router\" is not an IP address;"
                        + " write e.g. 192.168.1.0/24 or fd00::/8)",
                "hearth.yml:7: upstream.maxInFlight: 0 must be 1 or more");
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, "dns:\n  rateLimit: 0\n");
        assertThat(ConfigLoader.load(file).config().dns().rateLimit()).isZero();
    }

    @Test
    void listEntries() throws IOException {
        assertThat(problems("""
                categories: [school-blocked]
                lists:
                  - name: ut1-adult
                    category: adult
                    source: lists/adult.txt.gz
                  - name: ut1-adult
                    category: school-blocked
                    source: https://example.org/list.txt
                  - category: gambling
                    source: ftp://example.org/list.txt
                  - name: "my list"
                    category: homework
                    source: "https://"
                  - name: no-source
                    source: ""
                """)).containsExactly(
                "hearth.yml:6: lists[1].name: \"ut1-adult\" is already the name of lists[0]; names must be unique",
                "hearth.yml:9: lists[2].name: is required (a short name such as ut1-adult)",
                "hearth.yml:10: lists[2].source: \"ftp://example.org/list.txt\": only http and https URLs are"
                        + " fetched; for a local file write its path",
                "hearth.yml:11: lists[3].name: \"my list\" is not a list name (letters, digits, ., _ and -,"
                        + " at most 64, e.g. ut1-adult)",
                "hearth.yml:12: lists[3].category: \"homework\" is not a category; use one of adult, gambling,"
                        + " drugs, violence, weapons, hate, self-harm, dating, chat, social, games, streaming,"
                        + " proxy-vpn, dns-bypass, malware, phishing, scam, ads-trackers, piracy, crypto-mining,"
                        + " or declare it under categories:",
                "hearth.yml:13: lists[3].source: \"https://\" is not a URL (Expected authority)",
                "hearth.yml:14: lists[4].category: is required (one of adult, gambling, drugs, violence, weapons,"
                        + " hate, self-harm, dating, chat, social, games, streaming, proxy-vpn, dns-bypass, malware,"
                        + " phishing, scam, ads-trackers, piracy, crypto-mining, or an id declared in categories:)",
                "hearth.yml:15: lists[4].source: is required (a file path such as lists/adult.txt.gz,"
                        + " or an http(s) URL)");
    }

    @Test
    void unknownKeyInAListEntryNamesItsSection() throws IOException {
        assertThat(problems("""
                lists:
                  - name: a
                    category: adult
                    url: https://example.org/a.txt
                """)).containsExactly(
                "hearth.yml:2: lists[0].source: is required (a file path such as lists/adult.txt.gz,"
                        + " or an http(s) URL)",
                "hearth.yml:4: lists[0].url: unknown key in lists[0]; known keys: name, category, source");
    }

    @Test
    void customCategories() throws IOException {
        assertThat(problems("categories: [school, adult, School, school, \"\"]\n")).containsExactly(
                "hearth.yml:1: categories[1]: \"adult\" is a built-in category; remove it here",
                "hearth.yml:1: categories[2]: \"School\" is not a category id (lower-case letters, digits and -,"
                        + " at most 32, e.g. school-blocked)",
                "hearth.yml:1: categories[3]: \"school\" is declared twice",
                "hearth.yml:1: categories[4]: \"\" is not a category id (lower-case letters, digits and -,"
                        + " at most 32, e.g. school-blocked)");
    }

    @Test
    void wrongKindsOfValue() throws IOException {
        assertThat(problems("""
                dns: ["127.0.0.1:53"]
                upstreams: 10.0.0.1
                lists:
                  -
                profiles:
                  kids:
                    safeSearch: maybe
                    block: adult
                admin:
                  listen: [[a]]
                """)).containsExactly(
                "hearth.yml:1: dns: must be a section of keys (listen, allow, tcpIdleTimeout, maxTcpConnections,"
                        + " maxTcpQueriesInFlight, rateLimit, rateLimitBurst, maxTcpConnectionsPerClient,"
                        + " rateLimitExempt, udpSockets), not a list",
                "hearth.yml:2: upstreams: must be a list ([a, b] or lines starting with \"- \"), not \"10.0.0.1\"",
                "hearth.yml:4: lists[0]: is empty",
                "hearth.yml:7: profiles.kids.safeSearch: \"maybe\" is not true or false",
                "hearth.yml:8: profiles.kids.block: must be a list ([a, b] or lines starting with \"- \"),"
                        + " not \"adult\"",
                "hearth.yml:10: admin.listen[0]: must be a single value, not a list");
    }

    @Test
    void duplicateKeysAndNonMappingFile() throws IOException {
        assertThat(problems("upstreams: [\"10.0.0.1\"]\ndns: {}\nupstreams: [\"10.0.0.2\"]\n")).containsExactly(
                "hearth.yml:3: upstreams: duplicate key (first given on line 1)");
        assertThat(problems("- dns\n- upstreams\n")).containsExactly(
                "hearth.yml:1: the file must be a section of keys (dns:, upstreams:, lists:, ...),"
                        + " not a list or a single value");
    }

    @Test
    void mergeKeysLetOneSectionBuildOnAnother() throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, """
                profiles:
                  lab: &lab
                    block: [adult, gambling]
                    safeSearch: true
                  library:
                    <<: *lab
                    block: [adult]
                """);
        HearthConfig c = ConfigLoader.load(file).config();
        assertThat(c.profiles().get("library").block()).containsExactly("adult");
        assertThat(c.profiles().get("library").safeSearch()).isTrue();
        assertThat(problems("profiles:\n  lab: &lab [adult]\n  library:\n    <<: *lab\n")).containsExactly(
                "hearth.yml:2: profiles.lab: must be a section of keys (" + String.join(", ",
                        RecordShape.keys(ProfileConfig.class).keySet()) + "), not a list",
                "hearth.yml:2: profiles.library.<<: can only merge a section, such as *lab for a section marked &lab");
    }

    @Test
    void emptySectionsTakeTheirDefaults() throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, "dns:\nadmin:\nprofiles:\n  kids:\n");
        HearthConfig c = ConfigLoader.load(file).config();
        assertThat(c.dns()).isEqualTo(HearthConfig.defaults().dns());
        assertThat(c.profiles().get("kids").block()).isEmpty();
    }

    @Test
    void extraCheckProblemsGetTheLineOfTheirPathOrNearestAncestor() throws IOException {
        ConfigCheck policy = c -> List.of(
                new ConfigProblem("profiles.kids.block[1]", "\"gamblin\" is not a category"),
                new ConfigProblem("profiles.kids.schedule", "is required for a school lab"),
                new ConfigProblem("defaultProfile", "\"adults\" is not a profile"));
        assertThat(problems("""
                profiles:
                  kids:
                    block:
                      - adult
                      - gamblin
                defaultProfile: adults
                """, policy)).containsExactly(
                "hearth.yml:2: profiles.kids.schedule: is required for a school lab",
                "hearth.yml:5: profiles.kids.block[1]: \"gamblin\" is not a category",
                "hearth.yml:6: defaultProfile: \"adults\" is not a profile");
    }

    @Test
    void aCheckThatThrowsIsReportedNotFatal() throws IOException {
        ConfigCheck broken = c -> {
            throw new IllegalStateException("bug");
        };
        assertThat(problems("upstreams: [\"10.0.0.1:99999\"]\n", broken)).containsExactly(
                "hearth.yml:1: upstreams[0]: \"10.0.0.1:99999\" is not host:port (port 1-65535)",
                "hearth.yml:1: check " + broken.getClass().getName() + " failed: java.lang.IllegalStateException: bug");
    }

    @Test
    void aliasBombIsRefusedNotExpanded() throws IOException {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("b").append(i).append(": &b").append(i).append(" [*a, *a, *a]\n");
        }
        assertThat(problems(yaml.toString())).singleElement().asString().startsWith("hearth.yml:")
                .contains("invalid YAML: ");
    }
}
