package org.hearth.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.gateway.resolve.TestQueries.query;
import static org.hearth.gateway.resolve.TestQueries.upstreamQuery;
import static org.hearth.gateway.resolve.TestQueries.wire;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.hearth.gateway.config.CacheConfig;
import org.hearth.gateway.query.QueryContext;
import org.hearth.gateway.testsupport.DnsReplies;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A hit patches TTLs in copied bytes; dnsjava must then read exactly the aged message. */
class AnswerCacheAgingTest {

    @Property(tries = 300)
    void aHitIsTheStoredAnswerWithEveryTtlCountedDown(
            @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 1, max = 200_000) Long> ttls,
            @ForAll @IntRange(min = 0, max = 199_999) int elapsedSeconds,
            @ForAll @IntRange(min = 0, max = 999) int elapsedMillis) throws Exception {
        long shortest = ttls.stream().mapToLong(Long::longValue).min().orElseThrow();
        long elapsed = elapsedSeconds % shortest; // stay within the entry's lifetime
        FakeTicker ticker = new FakeTicker();
        AnswerCache cache = new AnswerCache(new CacheConfig(10, Duration.ZERO, Duration.ofDays(3), null, null), ticker);
        QueryContext query = query("www.example.com", Type.A);
        Message upstream = DnsReplies.response(upstreamQuery(query), Rcode.NOERROR);
        Name name = upstream.getQuestion().getName();
        Name target = Name.fromString("cdn.example.net.");
        upstream.addRecord(new CNAMERecord(name, DClass.IN, ttls.get(0), target), Section.ANSWER);
        for (int i = 1; i < ttls.size(); i++) {
            upstream.addRecord(new ARecord(target, DClass.IN, ttls.get(i),
                    InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) i})), Section.ANSWER);
        }
        if (ttls.size() == 1) {
            upstream.addRecord(new ARecord(target, DClass.IN, ttls.get(0), InetAddress.getLoopbackAddress()),
                    Section.ANSWER);
        }
        byte[] stored = wire(upstream);
        cache.put(CacheKey.of(query), stored);

        ticker.advance(Duration.ofSeconds(elapsed).plusMillis(elapsed + 1 < shortest ? elapsedMillis : 0));
        Message served = new Message(cache.get(CacheKey.of(query)).message());
        Message original = new Message(stored);

        List<Record> before = original.getSection(Section.ANSWER);
        List<Record> after = served.getSection(Section.ANSWER);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).getTTL()).isEqualTo(before.get(i).getTTL() - elapsed);
            assertThat(after.get(i).getName()).isEqualTo(before.get(i).getName());
            assertThat(after.get(i).rdataToString()).isEqualTo(before.get(i).rdataToString());
        }
        assertThat(served.getHeader().toString()).isEqualTo(original.getHeader().toString());
        assertThat(served.getQuestion()).isEqualTo(original.getQuestion());
    }
}
