package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.resolve.TestQueries.answers;
import static org.hearth.gateway.resolve.TestQueries.query;
import static org.hearth.gateway.resolve.TestQueries.upstreamQuery;
import static org.hearth.gateway.resolve.TestQueries.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hearth.gateway.query.Answer;
import org.hearth.gateway.testsupport.DnsReplies;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

class CachedResponseTest {

    private static final long SECOND = 1_000_000_000L;
    private final byte[] wire = wire(DnsReplies.addresses(upstreamQuery(query("www.example.com", Type.A)), 300,
            "192.0.2.1", "192.0.2.2"));

    private byte[] packed(long storedAt, long lifetime, Answer.ExtendedError error) {
        byte[] entry = CachedResponse.pack(wire, WireLayout.of(wire), storedAt, error);
        assertThat(entry).isNotNull();
        CachedResponse.putLifetime(entry, lifetime);
        return entry;
    }

    @Test
    void keepsTheResponseItsTimesAndNoErrorWhenThereIsNone() {
        byte[] entry = packed(-7 * SECOND, 300 * SECOND, null);

        assertThat(CachedResponse.storedAtNanos(entry)).isEqualTo(-7 * SECOND);
        assertThat(CachedResponse.lifetimeNanos(entry)).isEqualTo(300 * SECOND);
        assertThat(CachedResponse.weighedLength(entry)).isEqualTo(wire.length);
        assertThat(CachedResponse.aged(entry, -7 * SECOND)).isEqualTo(wire);
        assertThat(CachedResponse.extendedError(entry)).isNull();
    }

    @Test
    void keepsTheUpstreamsExtendedErrorWithItsTextInAnyScript() {
        var error = new Answer.ExtendedError(Answer.ExtendedError.FILTERED, "filtré: contenu réservé aux adultes");
        byte[] entry = packed(0, 300 * SECOND, error);

        assertThat(CachedResponse.extendedError(entry)).isEqualTo(error);
        assertThat(CachedResponse.aged(entry, 0)).isEqualTo(wire);
        assertThat(CachedResponse.weighedLength(entry))
                .isEqualTo(wire.length + error.text().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void anErrorWithoutTextReadsAsAnEmptyTextWhichTheEdgeSendsAlike() {
        var bare = new Answer.ExtendedError(Answer.ExtendedError.FILTERED, null);

        assertThat(CachedResponse.extendedError(packed(0, SECOND, bare)))
                .isEqualTo(new Answer.ExtendedError(Answer.ExtendedError.FILTERED, ""));
    }

    @Test
    void agesEveryTtlByWholeSecondsAndNeverBelowZero() throws Exception {
        byte[] entry = packed(5 * SECOND, 300 * SECOND, null);

        byte[] later = CachedResponse.aged(entry, 5 * SECOND + 100 * SECOND + SECOND / 2);

        assertThat(answers(later)).extracting(Record::getTTL).containsExactly(200L, 200L);
        assertThat(answers(CachedResponse.aged(entry, 5 * SECOND + 1000 * SECOND))).extracting(Record::getTTL)
                .containsExactly(0L, 0L);
        assertThat(answers(CachedResponse.withTtl(entry, 30))).extracting(Record::getTTL).containsExactly(30L, 30L);
    }

    @Test
    void hitsCopyTheResponseSoTheEntryNeverChanges() {
        byte[] entry = packed(0, 300 * SECOND, null);
        Arrays.fill(CachedResponse.aged(entry, 100 * SECOND), (byte) 0);
        Arrays.fill(CachedResponse.withTtl(entry, 30), (byte) 0);

        assertThat(CachedResponse.aged(entry, 0)).isEqualTo(wire);
    }

    @Test
    void isFreshForItsLifetimeAndNotOneNanosecondLonger() {
        byte[] entry = packed(10, 300 * SECOND, null);

        assertThat(CachedResponse.freshAt(entry, 10 + 300 * SECOND - 1)).isTrue();
        assertThat(CachedResponse.freshAt(entry, 10 + 300 * SECOND)).isFalse();
    }

    @Test
    void takesTheLongestTextItsLengthFieldHoldsAndRefusesALongerOne() {
        var longest = new Answer.ExtendedError(Answer.ExtendedError.OTHER, "x".repeat(CachedResponse.MAX_TEXT));
        var longer = new Answer.ExtendedError(Answer.ExtendedError.OTHER, "x".repeat(CachedResponse.MAX_TEXT + 1));

        assertThat(CachedResponse.extendedError(packed(0, SECOND, longest))).isEqualTo(longest);
        assertThat(CachedResponse.pack(wire, WireLayout.of(wire), 0, longer)).isNull();
    }
}
