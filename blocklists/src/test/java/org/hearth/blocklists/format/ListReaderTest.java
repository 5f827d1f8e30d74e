package org.hearth.blocklists.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ListReaderTest {

    private final List<String> rules = new ArrayList<>();

    private ParseReport read(String fixture) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
            return ListReader.read(in, this::record);
        }
    }

    private void record(ListRule r) {
        rules.add((r.exception() ? "allow " : "block ") + r.name() + " " + r.scope());
    }

    @Test
    void hostsFileSkipsMachineNamesAndReadsEveryNameOnALine() throws IOException {
        ParseReport report = read("hosts.txt");
        assertThat(report.format()).isEqualTo(ListFormat.HOSTS);
        assertThat(rules).containsExactly(
                "block ads.example.com NAME_AND_BELOW",
                "block tracker.example.net NAME_AND_BELOW",
                "block tabbed.example.org NAME_AND_BELOW",
                "block xn--bcher-kva.example NAME_AND_BELOW");
        assertThat(report.invalid()).isEqualTo(2);
        assertThat(report.ipEntries()).isEqualTo(1);
        assertThat(report.firstProblems()).extracting(ParseReport.LineProblem::line).containsExactly(9L, 11L);
    }

    @Test
    void adblockKeepsTheDnsSubsetAndCountsTheRest() throws IOException {
        ParseReport report = read("adblock.txt");
        assertThat(report.format()).isEqualTo(ListFormat.ADBLOCK);
        assertThat(rules).containsExactly(
                "block ads.example.com NAME_AND_BELOW",
                "block important.example.com NAME_AND_BELOW",
                "allow good.ads.example.com NAME_AND_BELOW",
                "block exact.example.com NAME_ONLY",
                "block wild.example.com BELOW_ONLY",
                "block suffix.example.com BELOW_ONLY",
                "block bare.example.com NAME_AND_BELOW");
        assertThat(report.unsupported()).isEqualTo(6);
        assertThat(report.invalid()).isEqualTo(1);
        assertThat(report.exceptions()).isEqualTo(1);
    }

    @Test
    void dnsmasqAddressAndLocalBlockAndServerHashIsAnException() throws IOException {
        ParseReport report = read("dnsmasq.txt");
        assertThat(report.format()).isEqualTo(ListFormat.DNSMASQ);
        assertThat(rules).containsExactly(
                "block a.example.com NAME_AND_BELOW",
                "block b.example.com NAME_AND_BELOW",
                "block c.example.com NAME_AND_BELOW",
                "block d.example.com NAME_AND_BELOW",
                "block e.example.com NAME_AND_BELOW",
                "allow f.example.com NAME_AND_BELOW");
        assertThat(report.unsupported()).isEqualTo(2);
        assertThat(report.invalid()).isEqualTo(1);
    }

    @Test
    void rpzZoneIsReadRelativeToItsApex() throws IOException {
        ParseReport report = read("rpz.txt");
        assertThat(report.format()).isEqualTo(ListFormat.RPZ);
        assertThat(rules).containsExactly(
                "block blocked.example NAME_AND_BELOW",
                "block blocked.example BELOW_ONLY",
                "block nodata.example NAME_AND_BELOW",
                "allow pass.blocked.example NAME_AND_BELOW",
                "block local.example NAME_AND_BELOW");
        assertThat(report.unsupported()).isEqualTo(1);
        assertThat(report.invalid()).isEqualTo(2);
        assertThat(report.firstProblems()).extracting(ParseReport.LineProblem::line).contains(13L, 14L);
    }

    @Test
    void plainListNormalisesNamesAndRejectsJunk() throws IOException {
        ParseReport report = read("domains.txt");
        assertThat(report.format()).isEqualTo(ListFormat.DOMAINS);
        assertThat(rules).containsExactly(
                "block example.org NAME_AND_BELOW",
                "block wild.example.org BELOW_ONLY",
                "block xn--bcher-kva.example NAME_AND_BELOW",
                "block xn--bcher-kva.test NAME_AND_BELOW");
        assertThat(report.ipEntries()).isEqualTo(1);
        assertThat(report.invalid()).isEqualTo(2);
    }

    @Test
    void unboundLocalZonesBlockAndTransparentOnesPass() throws IOException {
        ParseReport report = read("unbound.txt");
        assertThat(report.format()).isEqualTo(ListFormat.UNBOUND);
        assertThat(rules).containsExactly("block a.example.com NAME_AND_BELOW", "allow b.example.com NAME_AND_BELOW");
        assertThat(report.unsupported()).isEqualTo(1);
    }

    @Test
    void gzipIsDetectedByItsMagicBytes() throws IOException {
        byte[] gz = gzip("0.0.0.0 a.example\n0.0.0.0 b.example\n");
        ParseReport report = ListReader.read(new ByteArrayInputStream(gz), this::record);
        assertThat(report.format()).isEqualTo(ListFormat.HOSTS);
        assertThat(report.blocks()).isEqualTo(2);
    }

    @Test
    void truncatedGzipFailsTheWholeListInsteadOfLookingShort() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("host").append(i).append(".example\n");
        }
        byte[] gz = gzip(text.toString());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> ListReader.read(new ByteArrayInputStream(cut), this::record))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aListOfOnlyAddressesIsAnIpListWithNoNames() throws IOException {
        String text = "192.0.2.11  # one\n2001:db8::1111\n198.51.100.8\n";
        ParseReport report = ListReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                this::record);
        assertThat(report.format()).isEqualTo(ListFormat.IP_LIST);
        assertThat(report.ipEntries()).isEqualTo(3);
        assertThat(rules).isEmpty();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
