package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.hearth.gateway.query.ClientIdentity;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** A parent's "yes, for now" in the policy: where it stands in the order of rules, whom it covers, when it ends. */
class TemporaryAllowsTest {

    private static final ZoneId BOX = ZoneId.of("Asia/Phnom_Penh");
    private static final ZonedDateTime NOON = LocalDateTime.parse("2026-11-25T12:00").atZone(BOX);
    private static final Instant ONE_PM = NOON.plusHours(1).toInstant();

    private final PolicySnapshot policy = Fixtures.snapshot(Fixtures.FAMILY);
    private final MapDomainIndex index = new MapDomainIndex().add("casino.example", "gambling")
            .add("cdn.casino.example", "gambling");
    private final ClientIdentity tablet = new ClientIdentity("Kid tablet", "Kid tablet", "kids");
    private final ClientIdentity lab = new ClientIdentity("Lab", "Lab", "kids");
    private final TemporaryAllows allows = new TemporaryAllows();

    private Decision decide(ClientIdentity who, String name, ZonedDateTime now, Instant pausedUntil) {
        return policy.decide(who, name, Type.A, now, index, pausedUntil, allows);
    }

    @Test
    void allowedNameAndNamesBelowResolveForThatDeviceOnlyUntilTheEnd() {
        allows.publish(List.of(new TemporaryAllow(1, "casino.example", "Kid tablet", null, ONE_PM)));

        Decision d = decide(tablet, "www.casino.example", NOON, null);
        assertThat(d).isInstanceOf(Decision.Allowed.class);
        assertThat(d.reason().kind()).isEqualTo(Reason.Kind.TEMPORARY_ALLOW);
        assertThat(d.reason().text()).isEqualTo("allowed for now: casino.example");
        assertThat(decide(tablet, "notcasino.example", NOON, null).reason().kind()).isEqualTo(Reason.Kind.NO_RULE);
        assertThat(decide(lab, "casino.example", NOON, null)).as("another device of the same profile")
                .isInstanceOf(Decision.Blocked.class);
        assertThat(decide(tablet, "casino.example", NOON.plusMinutes(59), null)).isInstanceOf(Decision.Allowed.class);
        assertThat(decide(tablet, "casino.example", NOON.plusHours(1), null)).as("ends at its end, purged or not")
                .isInstanceOf(Decision.Blocked.class);
    }

    @Test
    void profileScopeCoversEveryDeviceOfTheProfile() {
        allows.publish(List.of(new TemporaryAllow(1, "casino.example", null, "kids", ONE_PM)));

        assertThat(decide(tablet, "casino.example", NOON, null)).isInstanceOf(Decision.Allowed.class);
        assertThat(decide(lab, "casino.example", NOON, null)).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void aPauseStillWinsButTheDenyListAndCategoriesDoNot() {
        allows.publish(List.of(new TemporaryAllow(1, "casino.example", "Kid tablet", null, ONE_PM),
                new TemporaryAllow(2, "example.net", "Kid tablet", null, ONE_PM)));

        assertThat(decide(tablet, "casino.example", NOON, ONE_PM).reason().kind()).isEqualTo(Reason.Kind.PAUSE);
        assertThat(decide(tablet, "example.net", NOON, null)).as("deny-listed, yet the parent said yes")
                .isInstanceOf(Decision.Allowed.class);
        assertThat(policy.decide(tablet, "example.net", Type.A, NOON, index, null).reason().kind())
                .as("without the allows (the CLI check)").isEqualTo(Reason.Kind.DENY_RULE);
    }

    @Test
    void anAllowedNameIsNotBlockedForWhereItsAnswerPoints() {
        allows.publish(List.of(new TemporaryAllow(1, "games.example", "Kid tablet", null, ONE_PM)));

        assertThat(policy.checkChain(tablet, "games.example", List.of("cdn.casino.example"), NOON, index, allows))
                .isNull();
        assertThat(policy.checkChain(lab, "games.example", List.of("cdn.casino.example"), NOON, index, allows))
                .isNotNull();
    }

    @Test
    void anAllowIsForOneDeviceOrOneProfile() {
        assertThatThrownBy(() -> new TemporaryAllow(1, "a.example", "tablet", "kids", ONE_PM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TemporaryAllow(1, "a.example", null, null, ONE_PM))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
