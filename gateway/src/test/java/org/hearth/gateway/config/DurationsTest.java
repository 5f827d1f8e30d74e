package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, PT0.5S", "2s, PT2S", "30m, PT30M", "1h, PT1H", "1d, PT24H", "1h30m, PT1H30M",
        "1d2h3m4s5ms, PT26H3M4.005S", "0s, PT0S", "PT2S, PT2S", "pt2s, PT2S", "P1D, PT24H", "' 2S ', PT2S"})
    void parsesShortAndIsoForms(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2 s", "-2s", "2sec", "1.5s", "s", "PT-2S", "P", "2s-", "99999999999999999999s"})
    void refusesAnythingElseSayingWhatIsAccepted(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .message().containsAnyOf("2s", "PT2S", "too long", "negative");
    }

    @ParameterizedTest
    @CsvSource({"PT0.5S, 500ms", "PT2S, 2s", "PT1H30M, 1h30m", "PT26H, 1d2h", "PT0S, 0s"})
    void formatsInTheShortestForm(String iso, String text) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(text);
    }

    @Property(tries = 300)
    void formatThenParseRoundTrips(@ForAll @LongRange(min = 0, max = 10L * 365 * 86_400_000) long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
