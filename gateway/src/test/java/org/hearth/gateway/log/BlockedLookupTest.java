package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.hearth.gateway.query.ClientIdentity;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.query.Question;
import org.hearth.gateway.query.Transport;
import org.junit.jupiter.api.Test;

class BlockedLookupTest {

    private final Instant now = Instant.parse("2026-11-28T18:00:00Z");

    @Test
    void entryForAQueryTakesDeviceProfileAddressAndNormalisedName() {
        QueryContext query = new QueryContext(7, Question.of("WWW.Casino.Example.", 28), true, false, null,
                new InetSocketAddress("192.168.1.23", 40000), new InetSocketAddress("192.168.1.1", 53),
                Transport.UDP, 0, new ClientIdentity("tablet-1", "Kid tablet", "kids"));
        BlockedLookup entry = BlockedLookup.of(query, now, List.of("gambling"), BlockReason.LIST, "ut1-gambling",
                "::");
        assertThat(entry).isEqualTo(new BlockedLookup(now, "tablet-1", "Kid tablet", "192.168.1.23", "kids",
                "www.casino.example", 28, List.of("gambling"), BlockReason.LIST, "ut1-gambling", "::"));
        AllowedLookup allowed = AllowedLookup.of(query, now, "NOERROR");
        assertThat(allowed.deviceName()).isEqualTo("Kid tablet");
        assertThat(allowed.client()).isEqualTo("192.168.1.23");
    }

    @Test
    void queryNotYetIdentifiedIsStillLoggedByAddress() {
        QueryContext query = new QueryContext(7, Question.of("x.example", 1), true, false, null,
                new InetSocketAddress("::1", 40000), null, Transport.TCP, 0, null);
        BlockedLookup entry = BlockedLookup.of(query, now, null, BlockReason.BYPASS_CANARY, null, "NXDOMAIN");
        assertThat(entry.client()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(entry.deviceId()).isEmpty();
        assertThat(entry.categories()).isEmpty();
        assertThat(entry.detail()).isEmpty();
    }

    @Test
    void blankOrCommaCategoriesAreNotStoredBecauseTheyWouldNotReadBack() {
        BlockedLookup entry = new BlockedLookup(now, "d", "D", "", "", "x.example", 1,
                Arrays.asList("adult", "", " ", null, "a,b"), BlockReason.LIST, "", "");
        assertThat(entry.categories()).containsExactly("adult");
    }
}
