package org.hearth.gateway.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.hearth.gateway.testsupport.DnsReplies;
import org.hearth.gateway.testsupport.Reply;
import org.hearth.gateway.testsupport.ScriptedUpstream;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * What the query-path benchmarks share: a household config over four real hagezi lists (584 257
 * names: adult, gambling, ads/trackers, threats) in target/bench/query-path, a loopback
 * upstream that answers every name, and query packets for real names, drawn with a Zipf-like skew
 * (a few names are asked all day, most rarely), as {@code dig} sends them (RD, EDNS 1232).
 */
final class QueryPathFixture implements AutoCloseable {

    /** Draws are precomputed so the benchmark loop spends nothing on randomness. */
    static final int DRAWS = 1 << 16;
    static final String[][] LISTS = {
        {"hagezi/nsfw.domains.txt.gz", "adult"}, {"hagezi/gambling-medium.domains.txt.gz", "gambling"},
        {"hagezi/multi.adblock.txt.gz", "ads-trackers"}, {"hagezi/tif-mini.domains.txt.gz", "malware"}};

    final Path dir;
    final Path configFile;
    final ScriptedUpstream upstream;

    private QueryPathFixture(Path dir, Path configFile, ScriptedUpstream upstream) {
        this.dir = dir;
        this.configFile = configFile;
        this.upstream = upstream;
    }

    /** Writes the config (the compiled index in the data folder is reused between runs). */
    static QueryPathFixture open() throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "bench", "query-path")).toAbsolutePath();
        Files.deleteIfExists(dir.resolve("data").resolve("hearth.db"));
        ScriptedUpstream upstream = ScriptedUpstream.start(
                q -> Reply.message(DnsReplies.addresses(q.message(), 86_400, "192.0.2.1")));
        StringBuilder yaml = new StringBuilder()
                .append("dataDir: data\n")
                .append("dns:\n  listen: [\"127.0.0.1:0\"]\n")
                .append("upstreams: [\"127.0.0.1:").append(upstream.address().getPort()).append("\"]\n")
                .append("cache:\n  maxEntries: 50000\n")
                .append("lists:\n");
        for (String[] list : LISTS) {
            yaml.append("  - name: ").append(list[0].replaceAll("[/.]", "-")).append('\n')
                    .append("    category: ").append(list[1]).append('\n')
                    .append("    source: ").append(root().resolve(list[0])).append('\n');
        }
        yaml.append("profiles:\n  kids:\n    preset: child\n    block: [adult, gambling, ads-trackers, malware]\n")
                .append("    safeSearch: true\n")
                .append("defaultProfile: kids\n");
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, yaml);
        return new QueryPathFixture(dir, file, upstream);
    }

    static Path root() {
        return Path.of(System.getenv().getOrDefault("HEARTH_BLOCKLISTS", "/work/shared/data/blocklists"));
    }

    /** The first {@code limit} names of a one-name-a-line file (gzip when it ends in .gz). */
    static List<String> names(String file, int limit) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(root().resolve(file));
             InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null && names.size() < limit; line = reader.readLine()) {
                String name = line.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && Character.isLetterOrDigit(name.charAt(0)) && name.indexOf('.') > 0) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** A query as dig sends it: RD, one question, an OPT record offering 1232 bytes. */
    static byte[] query(String name, int id) throws TextParseException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
        q.getHeader().setID(id);
        q.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
        return q.toWire();
    }

    /** Indices into {@code n} items, rank k drawn with weight 1/(k+1). */
    static int[] zipfDraws(int n, long seed) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] draws = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            int at = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            draws[i] = Math.min(at >= 0 ? at : -at - 1, n - 1);
        }
        return draws;
    }

    @Override
    public void close() {
        upstream.close();
    }
}
