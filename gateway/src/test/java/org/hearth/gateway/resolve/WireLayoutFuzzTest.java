package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.hearth.gateway.dns.FuzzBudget;

/**
 * The cache walks every upstream answer to find its TTLs and later writes aged TTLs at those
 * offsets: whatever the bytes, the walk either refuses them with IllegalArgumentException or
 * returns offsets that all lie inside the message.
 */
class WireLayoutFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.DEFAULT)
    void walkRefusesOrStaysInsideTheMessage(byte[] wire) {
        WireLayout layout;
        try {
            layout = WireLayout.of(wire);
        } catch (IllegalArgumentException refused) {
            return;
        }
        for (int i = 0; i < layout.size(); i++) {
            assertThat(layout.ttlOffset(i)).isGreaterThanOrEqualTo(12);
            assertThat(layout.ttlOffset(i) + 4).isLessThanOrEqualTo(wire.length);
            assertThat(layout.rdataOffset(i) + layout.rdataLength(i)).isLessThanOrEqualTo(wire.length);
            assertThat(layout.section(i)).isBetween(0, 2);
            byte[] copy = wire.clone();
            WireLayout.putTtl(copy, layout.ttlOffset(i), WireLayout.ttl(wire, layout.ttlOffset(i)));
        }
    }
}
