package org.hearth.blocklists.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/**
 * A list source is the internet: whatever bytes it sends, gzip or not, cut short or not, reading
 * them gives rules with well-formed names, or an IOException. Nothing else may escape.
 * Runs the committed seeds in every build; {@code fuzz/run-campaign.sh} fuzzes it.
 */
class ListReaderFuzzTest {

    /** How long the campaign fuzzes this target (an annotation needs a constant). */
    static final String BUDGET = "30s";

    @FuzzTest(maxDuration = BUDGET)
    void anyBytesGiveWellFormedRulesOrAnIoError(FuzzedDataProvider data) throws Exception {
        int mode = data.consumeInt(0, 2); // 0 plain, 1 gzip, 2 gzip cut short
        int cut = data.consumeInt(0, 64);
        byte[] body = data.consumeRemainingAsBytes();
        if (mode > 0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(body);
            }
            body = out.toByteArray();
            if (mode == 2) {
                body = java.util.Arrays.copyOf(body, Math.max(0, body.length - cut));
            }
        }
        try {
            ListReader.read(new ByteArrayInputStream(body), ListReaderFuzzTest::check);
        } catch (IOException refused) {
            // a truncated or corrupt gzip stream: the refresher keeps the last good list
        }
    }

    private static void check(ListRule rule) {
        String name = rule.name();
        assertThat(name).isNotNull();
        assertThat(name.length()).as(name).isBetween(1, 253);
        assertThat(name).as("normalised: lower case, no dots at the ends, no empty label")
                .isEqualTo(name.toLowerCase(java.util.Locale.ROOT))
                .doesNotStartWith(".").doesNotEndWith(".").doesNotContain("..");
        for (String label : name.split("\\.")) {
            assertThat(label.length()).as(name).isBetween(1, 63);
        }
    }
}
