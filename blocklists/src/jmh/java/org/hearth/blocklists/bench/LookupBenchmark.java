package org.hearth.blocklists.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.hearth.blocklists.SharedLists;
import org.hearth.blocklists.format.ListReader;
import org.hearth.blocklists.format.ListRule;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.blocklists.source.ListSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lookup time per name on the union index of the shared lists, for names of 2 to 6 labels. Hits
 * are listed names (padded with sub-labels to the wanted depth); misses are popular domains
 * (Cisco Umbrella top 100k) that no list covers. Names are drawn with a Zipf-like skew, so some
 * repeat as real traffic does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LookupBenchmark {

    static final int NAMES = 4096;
    private static final String[] PADDING = {"www", "cdn", "api", "m", "static", "img"};

    @Param({"2", "4", "6"})
    public int labels;

    private MappedDomainIndex index;
    private String[] hits;
    private String[] misses;

    @Setup
    public void setUp() throws IOException {
        index = UnionIndex.get();
        SplittableRandom random = new SplittableRandom(42);
        List<String> listed = new ArrayList<>();
        for (ListSource s : SharedLists.sources()) {
            ListReader.read(s.localFile(), r -> {
                if (!r.exception() && r.scope() == ListRule.Scope.NAME_AND_BELOW && labels(r.name()) <= labels
                        && (listed.size() < 200_000 || random.nextInt(16) == 0)) {
                    listed.add(r.name());
                }
            });
        }
        List<String> popular = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedLists.DATA.resolve("popular-domains.txt.gz"))), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String name = line.strip().toLowerCase();
                if (!name.isEmpty() && !name.startsWith("#") && labels(name) <= labels) {
                    popular.add(name);
                }
            }
        }
        hits = draw(listed, random, true);
        misses = draw(popular, random, false);
    }

    private String[] draw(List<String> pool, SplittableRandom random, boolean wantHit) {
        String[] out = new String[NAMES];
        int n = 0;
        for (int tries = 0; n < NAMES && tries < NAMES * 1000; tries++) {
            double u = random.nextDouble();
            String name = pad(pool.get((int) (pool.size() * u * u * u)), random); // skewed to the top
            if (index.lookup(name).matched() == wantHit) {
                out[n++] = name;
            }
        }
        if (n < NAMES) {
            throw new IllegalStateException("found only " + n + (wantHit ? " hits" : " misses") + " of " + labels
                    + " labels");
        }
        return out;
    }

    private String pad(String name, SplittableRandom random) {
        StringBuilder s = new StringBuilder(name);
        for (int l = labels(name); l < labels; l++) {
            s.insert(0, PADDING[random.nextInt(PADDING.length)] + ".");
        }
        return s.toString();
    }

    private static int labels(String name) {
        int n = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(NAMES)
    public void hit(Blackhole bh) {
        for (String name : hits) {
            bh.consume(index.lookup(name));
        }
    }

    @Benchmark
    @OperationsPerInvocation(NAMES)
    public void miss(Blackhole bh) {
        for (String name : misses) {
            bh.consume(index.lookup(name));
        }
    }
}
