package org.hearth.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.gateway.config.AlertRuleConfig;
import org.hearth.gateway.config.AlertsConfig;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T05:00:00Z");

    private static AlertsConfig config(AlertRuleConfig serious, AlertRuleConfig bypass) {
        return new AlertsConfig(null, null, null, null, null, bypass, serious, null, null, null);
    }

    private static AlertEvent.Blocked blocked(String device, String name, int secondsAfter, String... categories) {
        return new AlertEvent.Blocked(device, "Name " + device, name, List.of(categories), false,
                T0.plusSeconds(secondsAfter));
    }

    private static List<Alert> judgeAll(AlertRules rules, AlertEvent... events) {
        List<Alert> out = new ArrayList<>();
        for (AlertEvent e : events) {
            out.addAll(rules.judge(e));
        }
        return out;
    }

    @Test
    void seriousAlertComesAtTheThresholdWithOnlyTheNamesOfTheBurst() {
        AlertRules rules = new AlertRules(config(new AlertRuleConfig(null, 3, Duration.ofMinutes(10), null, null),
                null));
        assertThat(judgeAll(rules, blocked("kid", "casino.example", 0, "gambling"),
                blocked("kid", "a.adult.example", 10, "adult"), blocked("kid", "b.adult.example", 20, "adult")))
                .isEmpty();
        List<Alert> alerts = rules.judge(blocked("kid", "a.adult.example", 30, "adult"));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.SERIOUS);
            assertThat(a.deviceId()).isEqualTo("kid");
            // The gambling lookup is no serious category: it is not in the alert, nor anything else.
            assertThat(a.names()).containsExactly("a.adult.example", "b.adult.example");
            assertThat(a.text()).contains("3 times", "10m", "adult").doesNotContain("casino");
        });
    }

    @Test
    void eventsOlderThanTheWindowDoNotCount() {
        AlertRules rules = new AlertRules(config(new AlertRuleConfig(null, 3, Duration.ofMinutes(10), null, null),
                null));
        assertThat(judgeAll(rules, blocked("kid", "x.example", 0, "adult"), blocked("kid", "y.example", 400, "chat"),
                blocked("kid", "z.example", 700, "adult"))).isEmpty(); // the first is 700 s old: outside 10m
        assertThat(rules.judge(blocked("kid", "w.example", 800, "dating"))).singleElement()
                .satisfies(a -> assertThat(a.names()).containsExactly("y.example", "z.example", "w.example"));
    }

    @Test
    void oneAlertPerDevicePerRulePerWindow() {
        AlertRules rules = new AlertRules(config(new AlertRuleConfig(null, 2, Duration.ofMinutes(10), null, null),
                null));
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            alerts.addAll(rules.judge(blocked("kid", "adult.example", i * 10, "adult")));
        }
        assertThat(alerts).hasSize(1);
        // Another device has a window of its own.
        assertThat(judgeAll(rules, blocked("other", "adult.example", 5, "adult"),
                blocked("other", "adult.example", 6, "adult"))).hasSize(1);
        // After the window that began with its alert (at 10 s), the same device alerts again.
        assertThat(judgeAll(rules, blocked("kid", "adult.example", 611, "adult"),
                blocked("kid", "adult.example", 612, "adult"))).hasSize(1);
    }

    @Test
    void bypassCountsCanariesAndVpnNamesButNotOtherBlocks() {
        AlertRules rules = new AlertRules(config(null, new AlertRuleConfig(null, 3, Duration.ofMinutes(5), null,
                null)));
        AlertEvent canary = new AlertEvent.Blocked("kid", "Kid", "use-application-dns.net", List.of(), true,
                T0.plusSeconds(1));
        List<Alert> alerts = judgeAll(rules, blocked("kid", "games.example", 0, "games"), canary,
                blocked("kid", "vpn.example", 2, "proxy-vpn"));
        assertThat(alerts).isEmpty();
        assertThat(rules.judge(blocked("kid", "doh.example", 3, "dns-bypass"))).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.BYPASS);
            assertThat(a.names()).containsExactly("use-application-dns.net", "vpn.example", "doh.example");
        });
    }

    @Test
    void disabledRuleNeverAlerts() {
        AlertRules rules = new AlertRules(config(new AlertRuleConfig(false, 1, null, null, null), null));
        assertThat(rules.judge(blocked("kid", "adult.example", 0, "adult"))).isEmpty();
    }

    @Test
    void newDeviceAlertsOnceWithAKeyWithoutTime() {
        AlertRules rules = new AlertRules(AlertsConfig.defaults());
        AlertEvent.NewDevice joined = new AlertEvent.NewDevice("mac:aa:bb:cc:dd:ee:01", "192.168.1.50",
                "aa:bb:cc:dd:ee:01", "phone", T0);
        assertThat(rules.judge(joined)).singleElement().satisfies(a -> {
            assertThat(a.key()).isEqualTo("new-device:mac:aa:bb:cc:dd:ee:01");
            assertThat(a.text()).contains("phone", "192.168.1.50", "aa:bb:cc:dd:ee:01");
        });
        assertThat(rules.judge(new AlertEvent.NewDevice("mac:aa:bb:cc:dd:ee:01", "192.168.1.51", null, null,
                T0.plusSeconds(90_000)))).isEmpty();
    }

    @Test
    void unblockRequestCarriesTheDomainAndMessage() {
        AlertRules rules = new AlertRules(AlertsConfig.defaults());
        AlertEvent.UnblockRequest request = new AlertEvent.UnblockRequest("kid", "Kid tablet", "scratch.mit.edu",
                "for school", T0);
        assertThat(rules.judge(request)).singleElement().satisfies(a -> {
            assertThat(a.rule()).isEqualTo(AlertRule.UNBLOCK_REQUEST);
            assertThat(a.names()).containsExactly("scratch.mit.edu");
            assertThat(a.text()).contains("Kid tablet", "scratch.mit.edu", "for school");
        });
        String longWords = "please ".repeat(200);
        assertThat(AlertTexts.unblockRequest(new AlertEvent.UnblockRequest("kid2", "Kid 2", "c.example", longWords,
                T0)).text()).hasSizeLessThan(AlertTexts.MAX_MESSAGE + 200).contains("please please");
        // A second request within the default minute is deduplicated: the admin page lists it anyway.
        assertThat(rules.judge(new AlertEvent.UnblockRequest("kid", "Kid tablet", "b.example", null,
                T0.plusSeconds(30)))).isEmpty();
        assertThat(rules.judge(new AlertEvent.UnblockRequest("kid", "Kid tablet", "b.example", null,
                T0.plusSeconds(61)))).hasSize(1);
    }
}
