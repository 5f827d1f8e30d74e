package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web: section: where the child's pages listen by default, and the helpline link. */
class WebConfigTest {

    @TempDir
    Path dir;

    private LoadedConfig load(String yaml) throws IOException, ConfigException {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    @Test
    void withoutListenThePagesAnswerOnPort80OfEachDnsAddressAndEmptyTurnsThemOff() throws Exception {
        WebConfig web = load("""
                dns: {listen: ["192.168.1.1:53", "[fd00::1]:53", "192.168.1.1:5353"]}
                web:
                  helpline: {name: "Child Helpline 1280", url: "tel:1280"}
                """).config().web();
        assertThat(web.listen()).containsExactly("192.168.1.1:80", "[fd00::1]:80");
        assertThat(web.helpline()).isEqualTo(new WebConfig.Helpline("Child Helpline 1280", "tel:1280"));
        assertThat(load("web: {listen: []}\n").config().web().listen()).isEmpty();
        assertThat(load("").config().web().helpline()).isNull();
    }

    @Test
    void helplineNeedsWordsAndAWebOrPhoneLink() {
        assertThatThrownBy(() -> load("""
                web:
                  helpline:
                    name: ""
                    url: "javascript:alert(1)"
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "hearth.yml:3: web.helpline.name: give the words the link shows",
                "hearth.yml:4: web.helpline.url: \"javascript:alert(1)\" is not an http(s) or tel: link"));
        assertThatThrownBy(() -> load("web: {helpline: {name: x, url: \"https://\"}}\n"))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void theHelplineIsWrittenBackAsItWasRead() throws Exception {
        HearthConfig config = load("web: {listen: [], helpline: {name: Help, url: \"https://help.example/\"}}\n").config();
        String yaml = ConfigWriter.toYaml(config);
        assertThat(yaml).contains("helpline:", "https://help.example/");
        Files.writeString(dir.resolve("again.yml"), yaml);
        assertThat(ConfigLoader.load(dir.resolve("again.yml")).config().web()).isEqualTo(config.web());
    }
}
