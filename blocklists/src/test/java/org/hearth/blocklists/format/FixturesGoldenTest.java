package org.hearth.blocklists.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every fixture (every syntax and edge case) read into one canonical dump, compared with the
 * checked-in {@code golden/fixtures.dump}. After an intended change, regenerate it with
 * {@code mvn -pl blocklists test -Dtest=FixturesGoldenTest -Dhearth.golden.update=true} and review the diff.
 */
class FixturesGoldenTest {

    private static final List<String> FIXTURES = List.of("hosts.txt", "domains.txt", "adblock.txt", "dnsmasq.txt",
            "rpz.txt", "unbound.txt");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/fixtures.dump");

    @Test
    void fixturesReadExactlyAsTheGoldenDumpSays() throws IOException {
        StringBuilder dump = new StringBuilder();
        for (String fixture : FIXTURES) {
            List<String> rules = new ArrayList<>();
            ParseReport report;
            try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
                report = ListReader.read(in, r -> rules.add(r.line() + " " + (r.exception() ? "allow " : "block ")
                        + r.name() + " " + r.scope()));
            }
            dump.append("== ").append(fixture).append(' ').append(report.format())
                    .append(" blocks=").append(report.blocks()).append(" exceptions=").append(report.exceptions())
                    .append(" unsupported=").append(report.unsupported()).append(" ips=").append(report.ipEntries())
                    .append(" invalid=").append(report.invalid()).append('\n');
            rules.forEach(r -> dump.append(r).append('\n'));
            report.firstProblems().forEach(p -> dump.append("! ").append(p).append('\n'));
        }
        if (Boolean.getBoolean("hearth.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, dump.toString(), StandardCharsets.UTF_8);
        }
        assertThat(dump.toString()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
