package org.hearth.blocklists.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hearth.blocklists.SharedLists;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every list file in the shared test data parses, in the syntax the manifest names, and yields about
 * the number of entries the manifest counted (counting rules differ slightly: the manifest counts
 * IP lines of UT1 lists as entries, and RPZ wildcards separately).
 */
class RealListsTest {

    static final Path DATA = SharedLists.DATA;

    static Stream<Arguments> manifest() throws IOException {
        Path manifest = DATA.resolve("manifest.tsv");
        if (!Files.exists(manifest)) {
            return Stream.of(Arguments.of("(no shared data at " + DATA + ")", "", 0L));
        }
        List<String> lines = Files.readAllLines(manifest);
        return lines.stream().skip(1).map(l -> l.split("\t"))
                .filter(f -> !f[0].equals("popular-domains.txt.gz") && !f[2].equals("text"))
                .map(f -> Arguments.of(f[0], f[2], Long.parseLong(f[3])));
    }

    private static final Map<String, ListFormat> FORMATS = Map.of(
            "hosts", ListFormat.HOSTS, "adblock", ListFormat.ADBLOCK, "dnsmasq", ListFormat.DNSMASQ,
            "rpz", ListFormat.RPZ, "unbound", ListFormat.UNBOUND, "ip-list", ListFormat.IP_LIST,
            "domains", ListFormat.DOMAINS, "wildcard", ListFormat.DOMAINS);

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifest")
    void everySharedListParsesInItsOwnSyntax(String file, String format, long manifestEntries) throws IOException {
        // Skipped only outside CI: in CI the shared lists are beside the clone, and a skip would hide a failure.
        Assumptions.assumeTrue(Files.exists(DATA.resolve("manifest.tsv")) || System.getenv("CI") != null,
                "shared blocklists not present at " + DATA);
        long[] count = {0};
        ParseReport report = ListReader.read(DATA.resolve(file), r -> count[0]++);
        String kind = format.split("[ (]")[0];
        assertThat(report.format()).as(file).isEqualTo(FORMATS.get(kind));
        assertThat(count[0]).isEqualTo(report.entries());
        if (report.format() == ListFormat.IP_LIST) {
            assertThat(report.ipEntries()).as(file).isGreaterThanOrEqualTo(manifestEntries * 95 / 100);
            return;
        }
        long accounted = report.entries() + report.ipEntries() + report.unsupported();
        assertThat(accounted).as(file + " " + report).isGreaterThanOrEqualTo(manifestEntries * 95 / 100);
        assertThat(report.entries() + report.ipEntries()).as(file + " " + report)
                .isGreaterThanOrEqualTo(manifestEntries * 85 / 100);
        assertThat(report.invalid()).as(file + " " + report).isLessThanOrEqualTo(Math.max(5, manifestEntries / 100));
    }
}
