package org.hearth.gateway.log;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic entries for the benchmarks: names from the real UT1 lists in /work/shared/data (or
 * $HEARTH_BLOCKLISTS), each tagged with its list's category, drawn with a Zipf-like skew (a few
 * names are blocked all day, most rarely); devices skewed the same way.
 */
final class SyntheticLog {

    static final String[][] LISTS = {
        {"ut1/gambling.txt", "gambling"}, {"ut1/dating.txt", "dating"}, {"ut1/chat.txt", "chat"},
        {"ut1/mixed_adult.txt", "adult"}, {"ut1/doh.txt", "dns-bypass"}, {"ut1/vpn.txt", "proxy-vpn"},
        {"ut1/social_networks.txt", "social"}, {"ut1/games.txt", "games"}, {"ut1/publicite.txt", "ads-trackers"},
        {"ut1/cryptojacking.txt", "crypto-mining"}};
    static final int DEVICES = 60;

    private final List<String> names = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private final double[] nameWeights;
    private final double[] deviceWeights;
    private final SplittableRandom random;

    SyntheticLog(long seed) throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("HEARTH_BLOCKLISTS", "/work/shared/data/blocklists"));
        for (String[] list : LISTS) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    Files.newInputStream(root.resolve(list[0])), StandardCharsets.UTF_8))) {
                int taken = 0;
                for (String line = in.readLine(); line != null && taken < 5_000; line = in.readLine()) {
                    String name = line.trim().toLowerCase(Locale.ROOT);
                    if (!name.isEmpty() && !name.startsWith("#") && Character.isLetter(name.charAt(0))) {
                        names.add(name);
                        categories.add(list[1]);
                        taken++;
                    }
                }
            }
        }
        random = new SplittableRandom(seed);
        // Shuffle so the popular ranks are spread over every category.
        for (int i = names.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            names.set(i, names.set(j, names.get(i)));
            categories.set(i, categories.set(j, categories.get(i)));
        }
        nameWeights = zipf(names.size(), 1.0);
        deviceWeights = zipf(DEVICES, 0.8);
    }

    BlockedLookup next(Instant time) {
        int n = draw(nameWeights);
        int d = draw(deviceWeights);
        String device = "dev-" + d;
        boolean schedule = random.nextInt(20) == 0;
        return new BlockedLookup(time, device, "Device " + d, "192.168." + (d / 250) + "." + (d % 250 + 2),
                d % 3 == 0 ? "teen" : "kids", names.get(n), random.nextInt(4) == 0 ? 28 : 1,
                schedule ? List.of() : List.of(categories.get(n)),
                schedule ? BlockReason.SCHEDULE : BlockReason.LIST, schedule ? "bedtime" : "ut1-" + categories.get(n),
                random.nextInt(10) == 0 ? "NXDOMAIN" : "0.0.0.0");
    }

    private int draw(double[] cumulative) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = java.util.Arrays.binarySearch(cumulative, x);
        return i >= 0 ? i : -i - 1;
    }

    private static double[] zipf(int n, double s) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, s);
            cumulative[k] = sum;
        }
        return cumulative;
    }
}
