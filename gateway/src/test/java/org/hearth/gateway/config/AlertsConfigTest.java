package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {

    @TempDir
    Path dir;

    private LoadedConfig load(String yaml) throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    @Test
    void fullSectionLoadsWithRuleDefaultsForKeysLeftOut() throws Exception {
        AlertsConfig alerts = load("""
                alerts:
                  email:
                    host: smtp.home.example
                    username: hearth
                    password: "p4ss"
                    from: hearth@home.example
                    to: [parent@home.example]
                  webhook: {url: "https://hooks.example.org/services/T0/B0/XyZ"}
                  push: {url: "https://ntfy.example/hearth", token: tk_1}
                  quietHours: {from: "22:00", to: "07:00"}
                  serious: {threshold: 3}
                  bypass: {quietHours: send}
                """).config().alerts();
        assertThat(alerts.anyChannel()).isTrue();
        assertThat(alerts.email().port()).isEqualTo(587);
        assertThat(alerts.email().starttls()).isTrue();
        assertThat(alerts.serious().threshold()).isEqualTo(3);
        assertThat(alerts.serious().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(alerts.serious().categories()).containsExactly("adult", "self-harm", "hate", "dating", "chat");
        assertThat(alerts.bypass().quietHours()).isEqualTo("send");
        assertThat(alerts.bypass().categories()).containsExactly("dns-bypass", "proxy-vpn");
        assertThat(alerts.weeklySummary().day()).isEqualTo("sun");
    }

    @Test
    void noSectionMeansNoChannel() throws Exception {
        assertThat(load("upstreams: [\"192.0.2.1\"]\n").config().alerts())
                .isEqualTo(AlertsConfig.defaults())
                .satisfies(a -> assertThat(a.anyChannel()).isFalse());
    }

    @Test
    void problemsNameFileLineAndKey() {
        assertThatThrownBy(() -> load("""
                alerts:
                  email:
                    host: smtp.home.example
                    port: 70000
                    from: not an address
                  webhook: {url: "ftp://files.example/x"}
                  push: {url: "https://ntfy.example/t", format: pigeon}
                  quietHours: {from: "25:00", to: "07:00"}
                  serious: {threshold: 0, categories: [adult, nonsense], quietHours: later}
                  weeklySummary: {day: someday}
                  delivery: {maxAttempts: 0}
                  colour: red
                """)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).contains(
                        "hearth.yml:12: alerts.colour: unknown key in alerts; known keys: email, webhook, push,"
                                + " quietHours, unblockRequest, bypass, serious, newDevice, weeklySummary, delivery"));
        assertThatThrownBy(() -> load("""
                alerts:
                  email:
                    host: smtp.home.example
                    port: 70000
                    from: not an address
                  webhook: {url: "ftp://files.example/x"}
                  push: {url: "https://ntfy.example/t", format: pigeon}
                  quietHours: {from: "25:00", to: "07:00"}
                  serious: {threshold: 0, categories: [adult, nonsense], quietHours: later}
                  weeklySummary: {day: someday}
                  delivery: {maxAttempts: 0}
                """)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "hearth.yml:2: alerts.email.to: is required (one or more recipients)",
                        "hearth.yml:4: alerts.email.port: 70000 is not a port (1 to 65535)",
                        "hearth.yml:5: alerts.email.from: \"not an address\" is not an e-mail address",
                        "hearth.yml:6: alerts.webhook.url: is not an http(s) URL",
                        "hearth.yml:7: alerts.push.format: \"pigeon\" is not ntfy or gotify",
                        "hearth.yml:8: alerts.quietHours.from: \"25:00\" is not a time of day (HH:mm, e.g. 22:00)",
                        "hearth.yml:9: alerts.serious.threshold: 0 must be 1 or more",
                        "hearth.yml:9: alerts.serious.quietHours: \"later\" is not hold, drop or send",
                        "hearth.yml:9: alerts.serious.categories[1]: \"nonsense\" is not a category; use one of "
                                + String.join(", ", org.hearth.blocklists.CategoryCatalog.BUILT_IN_IDS)
                                + ", or declare it under categories:",
                        "hearth.yml:10: alerts.weeklySummary.day: \"someday\" is not a day (mon, tue, wed, thu, fri,"
                                + " sat, sun)",
                        "hearth.yml:11: alerts.delivery.maxAttempts: 0 must be 1 or more"));
    }

    @Test
    void redactedHidesEverySecretAndKeepSecretsPutsThemBack() throws Exception {
        AlertsConfig alerts = load("""
                alerts:
                  email: {host: smtp.home.example, username: hearth, password: p4ss, from: a@home.example,
                          to: [b@home.example]}
                  webhook: {url: "https://user:pw@hooks.example.org:8443/services/T0/B0/XyZ?k=1"}
                  push: {url: "https://ntfy.example/hearth", token: tk_1}
                """).config().alerts();
        AlertsConfig shown = alerts.redacted();
        String json = ConfigMapper.json().writeValueAsString(shown);
        assertThat(json).doesNotContain("p4ss", "tk_1", "XyZ", "services", "user:pw", "k=1")
                .contains("smtp.home.example", "https://ntfy.example/hearth");
        assertThat(shown.webhook().url()).isEqualTo("https://hooks.example.org:8443/" + AlertsConfig.SECRET);
        assertThat(shown.email().password()).isEqualTo(AlertsConfig.SECRET);
        // An editor sends back what it was shown, with one change: the secrets survive.
        AlertsConfig edited = new AlertsConfig(shown.email(), shown.webhook(), shown.push(),
                new QuietHoursConfig("21:00", "06:00"), null, null, null, null, null, null);
        AlertsConfig kept = edited.keepSecrets(alerts);
        assertThat(kept.email().password()).isEqualTo("p4ss");
        assertThat(kept.push().token()).isEqualTo("tk_1");
        assertThat(kept.webhook()).isEqualTo(alerts.webhook());
        assertThat(kept.quietHours().from()).isEqualTo("21:00");
    }

    @Test
    void theWholeConfigRedactedAsServeLogsItHasNoSecret() throws Exception {
        HearthConfig config = load("""
                upstreams: ["192.0.2.1"]
                alerts:
                  email: {host: smtp.home.example, username: hearth, password: p4ss, from: a@home.example,
                          to: [b@home.example]}
                  push: {url: "https://ntfy.example/hearth", token: tk_1}
                """).config();
        assertThat(ConfigMapper.json().writeValueAsString(config)).contains("p4ss"); // the test can fail
        String logged = ConfigMapper.json().writeValueAsString(config.redacted());
        assertThat(logged).doesNotContain("p4ss", "tk_1").contains("192.0.2.1", "smtp.home.example");
    }

    @Test
    void sectionRoundTripsThroughTheConfigWriter() throws Exception {
        LoadedConfig loaded = load("""
                alerts:
                  push: {url: "https://ntfy.example/hearth", token: tk_1, format: gotify}
                  serious: {threshold: 4, window: 15m, categories: [adult, chat]}
                """);
        LoadedConfig written = ConfigWriter.write(dir.resolve("again.yml"), loaded.config(), List.of());
        assertThat(written.config().alerts()).isEqualTo(loaded.config().alerts());
    }
}
