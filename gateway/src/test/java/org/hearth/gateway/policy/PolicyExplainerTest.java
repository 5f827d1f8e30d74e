package org.hearth.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class PolicyExplainerTest {

    private final DeviceRegistry registry = new DeviceRegistry(10);
    private final Pauses pauses = new Pauses();
    private final PolicyExplainer explainer = new PolicyExplainer(new PolicySnapshots(Fixtures.snapshot(Fixtures.FAMILY)),
            StageFixtures.index(), new DeviceIdentifier(() -> NeighbourTable.EMPTY, registry,
                    StageFixtures.clockAt(StageFixtures.NOON)), pauses, StageFixtures.clockAt(StageFixtures.NOON));

    @Test
    void explainsForADeviceAddressInTheBoxsTimeZone() throws Exception {
        InetAddress kid = InetAddress.getByName("127.0.0.2");
        Decision noon = explainer.explain(kid, "Games.Example.", Type.A, StageFixtures.NOON);
        assertThat(noon).isInstanceOf(Decision.Allowed.class);
        assertThat(noon.who().profileName()).isEqualTo("kids");

        // 10:00Z is 17:00 in Phnom Penh, inside the kids' weekday homework window.
        Decision homework = explainer.explain(kid, "games.example", Type.A, Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(homework.reason().text()).isEqualTo("schedule \"homework\": category games (listed as games.example)");
        assertThat(explainer.explain(InetAddress.getByName("127.0.0.3"), "games.example", Type.A,
                Instant.parse("2026-11-25T10:00:00Z"))).isInstanceOf(Decision.Allowed.class);
        assertThat(registry.all()).as("explaining records nothing").isEmpty();
    }

    @Test
    void explainShowsAPause() throws Exception {
        pauses.pause("Kid tablet", StageFixtures.NOON.plus(Duration.ofMinutes(30)));
        Decision d = explainer.explain(InetAddress.getByName("127.0.0.2"), "wikipedia.org", Type.A, StageFixtures.NOON);
        assertThat(d.reason().kind()).isEqualTo(Reason.Kind.PAUSE);
    }

    @Test
    void standaloneExplainerServesTheCommandLineCheck() throws Exception {
        PolicyExplainer cli = PolicyExplainer.standalone(Fixtures.config(Fixtures.FAMILY), StageFixtures.index().current(),
                StageFixtures.clockAt(StageFixtures.NOON));
        Decision d = cli.explain(InetAddress.getByName("127.0.0.2"), "casino.example", Type.A, StageFixtures.NOON);
        assertThat(d.who().deviceName()).isEqualTo("Kid tablet");
        assertThat(d.reason().text()).isEqualTo("category gambling (listed as casino.example) [ut1-gambling]");
    }

    @Test
    void badNameIsAClearError() {
        assertThatThrownBy(() -> explainer.explain(InetAddress.getLoopbackAddress(), "bad name!", Type.A,
                StageFixtures.NOON)).isInstanceOf(IllegalArgumentException.class);
    }
}
