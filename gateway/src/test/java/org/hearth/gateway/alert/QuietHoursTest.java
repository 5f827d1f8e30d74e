package org.hearth.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.hearth.gateway.config.QuietHoursConfig;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId PHNOM_PENH = ZoneId.of("Asia/Phnom_Penh"); // UTC+7, no DST

    @Test
    void windowAcrossMidnightEndsNextMorning() {
        QuietHours quiet = QuietHours.of(new QuietHoursConfig("22:00", "07:00"), PHNOM_PENH);
        // 23:30 local on the 25th: ends 07:00 on the 26th.
        assertThat(quiet.endOf(Instant.parse("2026-11-25T16:30:00Z")))
                .contains(Instant.parse("2026-11-26T00:00:00Z"));
        // 03:00 local on the 26th: ends 07:00 the same day.
        assertThat(quiet.endOf(Instant.parse("2026-11-25T20:00:00Z")))
                .contains(Instant.parse("2026-11-26T00:00:00Z"));
        // 07:00 exactly is no longer quiet; noon is not.
        assertThat(quiet.endOf(Instant.parse("2026-11-26T00:00:00Z"))).isEmpty();
        assertThat(quiet.endOf(Instant.parse("2026-11-26T05:00:00Z"))).isEmpty();
    }

    @Test
    void windowWithinOneDay() {
        QuietHours quiet = QuietHours.of(new QuietHoursConfig("13:00", "14:30"), PHNOM_PENH);
        assertThat(quiet.endOf(Instant.parse("2026-11-25T06:10:00Z")))
                .contains(Instant.parse("2026-11-25T07:30:00Z"));
        assertThat(quiet.endOf(Instant.parse("2026-11-25T05:59:59Z"))).isEmpty();
    }

    @Test
    void noQuietHoursByDefault() {
        assertThat(QuietHours.of(QuietHoursConfig.NONE, PHNOM_PENH).endOf(Instant.parse("2026-11-25T20:00:00Z")))
                .isEmpty();
    }
}
