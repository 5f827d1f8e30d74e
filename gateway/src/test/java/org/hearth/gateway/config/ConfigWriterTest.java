package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWriterTest {

    private static final String OLD = "# hand-written\nupstreams: [\"10.0.0.1\"]\n";

    @TempDir
    Path dir;

    private Path existing() throws IOException {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, OLD);
        return file;
    }

    private List<String> folder() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndKeepsTheOldOneAsBak() throws Exception {
        Path file = existing();
        LoadedConfig written = ConfigWriter.write(file, "upstreams: [\"10.0.0.2\"]\n", List.of());
        assertThat(written.config().upstreams()).containsExactly("10.0.0.2");
        assertThat(Files.readString(file)).isEqualTo("upstreams: [\"10.0.0.2\"]\n");
        assertThat(Files.readString(dir.resolve("hearth.yml.bak"))).isEqualTo(OLD);
        assertThat(folder()).containsExactly("hearth.yml", "hearth.yml.bak");
    }

    @Test
    void failureMidWayLeavesTheOldFileWholeAndNoTempBehind() throws Exception {
        Path file = existing();
        assertThatThrownBy(() -> ConfigWriter.write(file, out -> {
            out.write("upstreams: [\"10.0".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }, List.of())).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo(OLD);
        assertThat(folder()).containsExactly("hearth.yml");
    }

    @Test
    void invalidConfigIsRefusedBeforeItReplacesAnything() throws Exception {
        Path file = existing();
        assertThatThrownBy(() -> ConfigWriter.write(file, "dns:\n  listen: [\"1.2.3.4:65536\"]\n", List.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "hearth.yml:2: dns.listen[0]: \"1.2.3.4:65536\" is not host:port (port 0-65535)"));
        assertThat(Files.readString(file)).isEqualTo(OLD);
        assertThat(folder()).containsExactly("hearth.yml");
    }

    @Test
    void newFileNeedsNoBackupAndModeOfOldFileIsKept() throws Exception {
        Path fresh = dir.resolve("sub/hearth.yml");
        ConfigWriter.write(fresh, "upstreams: [\"10.0.0.2\"]\n", List.of());
        assertThat(Files.exists(dir.resolve("sub/hearth.yml.bak"))).isFalse();

        Path file = existing();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ConfigWriter.write(file, "upstreams: [\"10.0.0.3\"]\n", List.of());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void recordsRoundTripThroughYamlWithShortDurations() throws Exception {
        HearthConfig config = new HearthConfig(null, List.of("10.0.0.1", "[::1]:5300"),
                new UpstreamConfig(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofMinutes(90)),
                null, List.of(new ListSourceConfig("mine", "school", "lists/mine.txt")), null, null, null, null,
                null, null, null, List.of("school"), null, null, null, Duration.ofHours(6));
        String yaml = ConfigWriter.toYaml(config);
        assertThat(yaml).contains("timeout: 500ms", "deadline: 3s", "probeInterval: 1h30m", "listsRefresh: 6h");
        LoadedConfig written = ConfigWriter.write(dir.resolve("hearth.yml"), config, List.of());
        assertThat(written.config()).isEqualTo(config);
    }
}
