package org.hearth.gateway.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.gateway.app.GatewayChecks;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.config.ProfileConfig;
import org.hearth.gateway.log.LogDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigEditorTest {

    private static final String CONFIG = """
            # a parent's comment
            upstreams: ["192.0.2.1"]
            admin: {listen: []}
            profiles:
              kids: {preset: child}
            defaultProfile: kids
            """;

    @TempDir
    Path dir;
    private Path file;
    private final List<LoadedConfig> applied = new ArrayList<>();
    private AuditTrail audit;
    private ConfigEditor editor;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("hearth.yml");
        Files.writeString(file, CONFIG);
        audit = new AuditTrail(LogDatabase.inDataDir(dir, Clock.systemUTC()),
                Clock.fixed(Instant.parse("2026-11-28T20:00:00Z"), ZoneOffset.UTC));
        editor = new ConfigEditor(file, GatewayChecks.ALL, config -> {
            applied.add(config);
            return List.of();
        }, audit);
    }

    @Test
    void anEditIsWrittenAppliedAndAudited() throws Exception {
        ConfigEditor.Outcome outcome = editor.edit("admin", "blocked gambling for kids",
                config -> withProfile(config, "kids", new ProfileConfig("child", List.of("gambling"), null, null, null)));

        assertThat(outcome.changes()).containsExactly("profiles.kids.block: [] -> [\"gambling\"]");
        assertThat(editor.current().config().profiles().get("kids").block()).containsExactly("gambling");
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).config().profiles().get("kids").block()).containsExactly("gambling");
        assertThat(dir.resolve("hearth.yml.bak")).hasContent(CONFIG.strip());
        List<AuditTrail.Entry> trail = audit.recent(10, 0);
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.who()).isEqualTo("admin");
            assertThat(entry.action()).isEqualTo("blocked gambling for kids");
            assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-28T20:00:00Z"));
            assertThat(entry.changes()).containsExactly("profiles.kids.block: [] -> [\"gambling\"]");
        });
    }

    @Test
    void anEditKeepsTheCommentsAndLayoutOfEverySectionItLeftAlone() throws Exception {
        Files.writeString(file, """
                # a parent's comment at the top
                upstreams: ["192.0.2.1"]   # the router
                admin: {listen: []}
                # the children
                profiles:
                  kids: {preset: child}
                # who gets what when no device matches
                defaultProfile: kids
                """);

        editor.edit("admin", "blocked gambling", config -> withProfile(config, "kids",
                new ProfileConfig("child", List.of("gambling"), null, null, null)));
        editor.edit("admin", "added a device", config -> config.withDevices(List.of(
                new org.hearth.gateway.config.DeviceConfig("tablet", List.of("192.168.1.23"), "kids"))));

        String text = editor.text();
        assertThat(text).startsWith("# a parent's comment at the top\nupstreams: [\"192.0.2.1\"]   # the router\n"
                + "admin: {listen: []}\n# the children\nprofiles:\n")
                .contains("\n# who gets what when no device matches\ndefaultProfile: kids\n")
                .endsWith("devices:\n- name: tablet\n  match:\n  - 192.168.1.23\n  profile: kids\n");
        assertThat(editor.current().config().profiles().get("kids").block()).containsExactly("gambling");
        assertThat(editor.current().config().devices()).hasSize(1);
    }

    @Test
    void anEditThatFailsTheChecksWritesNothingAndAppliesNothing() throws Exception {
        assertThatThrownBy(() -> editor.edit("admin", "bad", config -> withProfile(config, "kids",
                new ProfileConfig("no-such-preset", null, null, null, null))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(
                        problem -> assertThat(problem).contains("profiles.kids.preset")));

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(CONFIG);
        assertThat(applied).isEmpty();
        assertThat(audit.recent(10, 0)).isEmpty();
    }

    @Test
    void anEditThatChangesNothingIsNeitherWrittenNorAudited() throws Exception {
        ConfigEditor.Outcome outcome = editor.edit("admin", "nothing", config -> config);

        assertThat(outcome.changes()).isEmpty();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(CONFIG);
        assertThat(audit.recent(10, 0)).isEmpty();
    }

    @Test
    void aHandEditMadeMeanwhileIsKept() throws Exception {
        Files.writeString(file, CONFIG.replace("192.0.2.1", "192.0.2.53"));

        editor.edit("admin", "deny a site", config -> withProfile(config, "kids",
                new ProfileConfig("child", null, null, List.of("example.com"), null)));

        HearthConfig now = editor.current().config();
        assertThat(now.upstreams()).containsExactly("192.0.2.53");
        assertThat(now.profiles().get("kids").deny()).containsExactly("example.com");
    }

    @Test
    void anImportIsCheckedAndAuditedAndKeepsItsComments() throws Exception {
        String imported = CONFIG.replace("kids: {preset: child}", "kids: {preset: teen}");

        ConfigEditor.Outcome outcome = editor.replace("admin", "imported a config", imported);

        assertThat(outcome.changes()).containsExactly("profiles.kids.preset: \"child\" -> \"teen\"");
        assertThat(editor.text()).isEqualTo(imported);
        assertThatThrownBy(() -> editor.replace("admin", "import", "upstreams: [\"192.0.2.1\"]\nprofiles: [oops\n"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).anySatisfy(
                        problem -> assertThat(problem).startsWith("hearth.yml:")));
        assertThat(editor.text()).isEqualTo(imported);
    }

    @Test
    void anExportMasksTheSecretsAndImportingItKeepsTheBoxsOwn() throws Exception {
        Files.writeString(file, CONFIG + """
                alerts:
                  email: {host: smtp.example.org, username: parent, password: hunter2-secret, from: box@example.org,
                          to: [parent@example.org]}
                """);

        String export = editor.export();

        assertThat(export).doesNotContain("hunter2-secret").contains("********").contains("smtp.example.org");
        assertThat(export).contains("192.0.2.1");
        editor.replace("admin", "imported the export", export.replace("192.0.2.1", "192.0.2.9"));
        assertThat(editor.current().config().alerts().email().password()).isEqualTo("hunter2-secret");
        assertThat(editor.current().config().upstreams()).containsExactly("192.0.2.9");
        assertThat(audit.recent(10, 0).get(0).changes()).noneMatch(change -> change.contains("hunter2"));
    }

    @Test
    void anExportWithoutSecretsIsTheFileWithItsComments() throws Exception {
        assertThat(editor.export()).isEqualTo(CONFIG);
    }

    @Test
    void secretsNeverReachTheTrail() {
        assertThat(ConfigDiff.secret("password")).isTrue();
        assertThat(ConfigDiff.secret("pushToken")).isTrue();
        assertThat(ConfigDiff.secret("block")).isFalse();
    }

    private static HearthConfig withProfile(HearthConfig config, String name, ProfileConfig profile) {
        Map<String, ProfileConfig> profiles = new LinkedHashMap<>(config.profiles());
        profiles.put(name, profile);
        return config.withProfiles(profiles);
    }
}
