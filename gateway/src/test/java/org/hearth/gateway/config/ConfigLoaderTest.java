package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<String> problems(String yaml) throws IOException {
        Path file = write(yaml);
        try {
            ConfigLoader.load(file);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("config was accepted:\n" + yaml);
    }

    @Test
    void emptyFileIsAllDefaults() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write(""));
        assertThat(loaded.config()).isEqualTo(HearthConfig.defaults());
        assertThat(loaded.config().dns().listen()).containsExactly("127.0.0.1:5353", "[::1]:5353");
        assertThat(loaded.config().admin().listen()).containsExactly("127.0.0.1:8080", "[::1]:8080");
    }

    @Test
    void adminPageDefaultsToPort8080OnTheDnsAddressesAndAnEmptyListTurnsItOff() throws Exception {
        assertThat(ConfigLoader.load(write("dns: {listen: [\"192.168.1.2:53\", \"[fd00::2]\", \"0.0.0.0\"]}\n"))
                .config().admin().listen()).containsExactly("192.168.1.2:8080", "[fd00::2]:8080", "0.0.0.0:8080");
        assertThat(ConfigLoader.load(write("admin: {listen: []}\n")).config().admin().listen()).isEmpty();
        assertThat(ConfigLoader.load(write("admin: {listen: [\"127.0.0.1:9090\"]}\n")).config().admin().listen())
                .containsExactly("127.0.0.1:9090");
    }

    @Test
    void contractExampleLoads() throws Exception {
        LoadedConfig loaded = ConfigLoader.load(write("""
                dns:
                  listen: ["127.0.0.1:5353", "[::1]:5353"]
                upstreams: ["127.0.0.1:5300"]
                lists:
                  - name: ut1-adult
                    category: adult
                    source: lists/adult.txt.gz
                profiles:
                  kids:
                    preset: child
                    block: [adult, gambling, dating, chat, dns-bypass]
                    allow: [khanacademy.org]
                    deny: [example.net]
                    safeSearch: true
                devices:
                  - name: Kid tablet
                    match: ["192.168.1.23", "aa:bb:cc:dd:ee:ff", "10.1.2.0/24"]
                    profile: kids
                defaultProfile: kids
                blocking:
                  mode: zero-ip
                admin:
                  listen: ["0.0.0.0:8080"]
                web:
                  listen: ["0.0.0.0:80"]
                """));
        HearthConfig c = loaded.config();
        assertThat(c.upstreams()).containsExactly("127.0.0.1:5300");
        assertThat(c.lists()).containsExactly(new ListSourceConfig("ut1-adult", "adult", "lists/adult.txt.gz"));
        assertThat(c.profiles().get("kids").block()).contains("dns-bypass");
        assertThat(c.profiles().get("kids").safeSearch()).isTrue();
        assertThat(c.devices().get(0).match()).hasSize(3);
        assertThat(loaded.resolve(c.lists().get(0).source())).isEqualTo(dir.resolve("lists/adult.txt.gz"));
    }

    @Test
    void listenPortOutOfRangeNamesFileLineAndKey() throws IOException {
        assertThat(problems("""
                dns:
                  listen:
                    - 127.0.0.1:5353
                    - "127.0.0.1:99999"
                """)).containsExactly(
                "hearth.yml:4: dns.listen[1]: \"127.0.0.1:99999\" is not host:port (port 0-65535)");
    }

    @Test
    void unknownKeyNamesTheKnownKeysOfItsSection() throws IOException {
        assertThat(problems("""
                dns:
                  lisen: ["127.0.0.1:53"]
                """)).containsExactly("hearth.yml:2: dns.lisen: unknown key in dns (did you mean \"listen\"?);"
                + " known keys: listen, allow, tcpIdleTimeout, maxTcpConnections, maxTcpQueriesInFlight,"
                + " rateLimit, rateLimitBurst, maxTcpConnectionsPerClient, rateLimitExempt, udpSockets");
    }

    @Test
    void unknownTopLevelKeyIsAnError() throws IOException {
        assertThat(problems("\n\nupstream_servers: [192.0.2.11]\n")).singleElement().asString()
                .startsWith("hearth.yml:3: upstream_servers: unknown top-level key; known keys: dns, upstreams,");
    }

    @Test
    void invalidYamlNamesTheLine() throws IOException {
        assertThat(problems("""
                dns:
                  listen: ["127.0.0.1:53"
                upstreams: []
                """)).singleElement().asString().startsWith("hearth.yml:3: invalid YAML: ");
    }

    @Test
    void syntaxErrorsSayWhereTheTroubleStartedAndHintAtIndentation() throws IOException {
        assertThat(problems("dns:\n  listen: \"127.0.0.1:53\nupstreams: []\n")).containsExactly(
                "hearth.yml:4: invalid YAML: while scanning a quoted scalar that starts on line 2,"
                        + " found unexpected end of stream");
        assertThat(problems("dns:\n  listen: [1.2.3.4]\n upstreams: []\n")).singleElement().asString()
                .startsWith("hearth.yml:3: invalid YAML: while parsing a block mapping that starts on line 1,")
                .endsWith("; check this line's indentation against the lines above it");
    }

    @Test
    void tabIndentationIsNamedWithItsLine() throws IOException {
        assertThat(problems("dns:\n\tlisten: [\"127.0.0.1:53\"]\n")).singleElement().asString()
                .startsWith("hearth.yml:2: invalid YAML: ").contains("Do not use \\t(TAB) for indentation");
    }

    @Test
    void windowsByteOrderMarkAndLineEndingsAreFine() throws Exception {
        assertThat(ConfigLoader.load(write("\uFEFFupstreams:\r\n  - 10.0.0.1\r\n")).config().upstreams())
                .containsExactly("10.0.0.1");
    }

    @Test
    void notUtf8IsSaidSo() throws IOException {
        Path file = dir.resolve("hearth.yml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly("hearth.yml: not UTF-8 text"));
    }

    @Test
    void everyProblemIsReportedInOneRunInLineOrder() throws IOException {
        assertThat(problems("""
                colour: blue
                dns:
                  listen: ["localhost:53"]
                  allow: ["10.0.0.0/33"]
                  tcpIdleTimeout: 10
                  maxTcpConnections: many
                upstreams: ["::1:53", "[::1]:53", "198.51.100.8:0"]
                cache:
                  maxEntries: 0
                """)).containsExactly(
                "hearth.yml:1: colour: unknown top-level key; known keys: dns, upstreams, upstream, cache, lists,"
                        + " profiles, devices, defaultProfile, blocking, admin, web, dataDir, categories, identity, log, alerts,"
                        + " listsRefresh",
                "hearth.yml:3: dns.listen[0]: \"localhost:53\" is not host:port (\"localhost\" is not an IP address;"
                        + " names are not resolved here)",
                "hearth.yml:4: dns.allow[0]: \"10.0.0.0/33\" is not a CIDR (prefix length 0-32 for IPv4)",
                "hearth.yml:5: dns.tcpIdleTimeout: \"10\" is not a duration (a unit is required, e.g. 10s);"
                        + " write e.g. 2s, 500ms, 30m, 1h, 1d, 1h30m or PT2S",
                "hearth.yml:6: dns.maxTcpConnections: \"many\" is not a whole number",
                "hearth.yml:7: upstreams[2]: \"198.51.100.8:0\" is not host:port (port 1-65535)",
                "hearth.yml:9: cache.maxEntries: 0 must be 1 or more");
    }

    @Test
    void listsRefreshDefaultsToADayAndRefusesLessThanAMinute() throws Exception {
        assertThat(ConfigLoader.load(write("upstreams: [\"192.0.2.1\"]\n")).config().listsRefresh())
                .isEqualTo(java.time.Duration.ofHours(24));
        assertThat(ConfigLoader.load(write("listsRefresh: 6h\n")).config().listsRefresh())
                .isEqualTo(java.time.Duration.ofHours(6));
        assertThat(problems("upstreams: [\"192.0.2.1\"]\nlistsRefresh: 10s\n"))
                .containsExactly("hearth.yml:2: listsRefresh: \"10s\" is shorter than the minimum, 1m");
    }

    @Test
    void durationsAcceptShortAndIsoForms() throws Exception {
        HearthConfig c = ConfigLoader.load(write("""
                upstream:
                  timeout: 500ms
                  deadline: PT2S
                  probeInterval: 1h30m
                cache:
                  maxTtl: 1d
                  negativeMaxTtl: 30m
                """)).config();
        assertThat(c.upstream().timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.upstream().deadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.upstream().probeInterval()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.cache().maxTtl()).isEqualTo(Duration.ofDays(1));
        assertThat(c.cache().negativeMaxTtl()).isEqualTo(Duration.ofMinutes(30));
    }
}
