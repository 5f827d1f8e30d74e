package org.hearth.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.gateway.log.Entries.WAIT;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hearth.gateway.log.LogCounts.NameCount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogQueriesTest {

    @TempDir
    Path dir;

    private final Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
    private final Entries.MutableClock clock = new Entries.MutableClock(t0.plusSeconds(86_400));
    private LogQueries queries;
    private final List<BlockedLookup> written = new ArrayList<>();

    @BeforeEach
    void fillLog() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("hearth.db"), clock);
        String[] devices = {"tablet", "laptop", "phone"};
        String[][] categories = {{"adult"}, {"gambling"}, {"adult", "chat"}, {}};
        try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
            for (int i = 0; i < 600; i++) {
                // Three entries share each instant, so paging must break ties by id.
                Instant time = t0.plusSeconds(i / 3);
                String device = devices[i % 3];
                BlockedLookup entry = new BlockedLookup(time, device, device.toUpperCase(), "10.0.0." + (i % 3),
                        i % 2 == 0 ? "kids" : "teen", "site" + (i % 7) + ".Example".toLowerCase(), 1,
                        List.of(categories[i % 4]), BlockReason.LIST, "list", "0.0.0.0");
                written.add(entry);
                log.offer(entry);
            }
            log.flush(WAIT);
        }
        queries = new LogQueries(database);
    }

    @Test
    void pagingNewestFirstVisitsEveryMatchingEntryOnceEvenWithEqualTimes() throws Exception {
        LogFilter[] filters = {
            LogFilter.all(),
            LogFilter.all().withDevice("laptop"),
            LogFilter.all().withProfile("teen"),
            LogFilter.all().withCategory("adult"),
            LogFilter.all().withNameContaining("SITE3"),
            LogFilter.all().withDevice("tablet").withCategory("chat").between(t0.plusSeconds(10), t0.plusSeconds(150)),
        };
        for (LogFilter filter : filters) {
            List<BlockedLookup> expected = written.stream().filter(e -> matches(filter, e)).toList();
            List<LogEntry> seen = new ArrayList<>();
            PageCursor cursor = null;
            for (int page = 0; page < 1_000; page++) {
                LogPage result = queries.blocked(filter, cursor, 7);
                seen.addAll(result.entries());
                cursor = result.next();
                if (cursor == null) {
                    break;
                }
                cursor = PageCursor.parse(cursor.toString());
            }
            assertThat(seen).as(filter.toString()).hasSize(expected.size()).isNotEmpty();
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < seen.size(); i++) {
                assertThat(ids.add(seen.get(i).id())).isTrue();
                if (i > 0) {
                    LogEntry before = seen.get(i - 1);
                    LogEntry after = seen.get(i);
                    assertThat(before.time().isAfter(after.time())
                            || before.time().equals(after.time()) && before.id() > after.id()).isTrue();
                }
            }
            assertThat(seen.stream().map(LogEntry::name).sorted().toList())
                    .isEqualTo(expected.stream().map(BlockedLookup::name).sorted().toList());
        }
    }

    @Test
    void topNamesOfADeviceAreCountedInTheTimeRange() throws Exception {
        List<NameCount> top = queries.topNames("phone", t0, t0.plusSeconds(200), 3);
        assertThat(top).hasSize(3);
        for (NameCount count : top) {
            long expected = written.stream().filter(e -> e.deviceId().equals("phone") && e.name().equals(count.name()))
                    .count();
            assertThat(count.blocked()).isEqualTo(expected);
        }
        assertThat(top.get(0).blocked()).isGreaterThanOrEqualTo(top.get(2).blocked());
        assertThat(queries.topNames(null, t0.minusSeconds(100), t0, 3)).isEmpty();
    }

    @Test
    void eachViewUsesAnIndexRatherThanScanningTheLog() throws Exception {
        PageCursor after = new PageCursor(t0.plusSeconds(100).toEpochMilli(), 300);
        assertThat(String.join("\n", queries.plan(LogFilter.all(), after))).contains("USING INDEX blocked_time")
                .doesNotContain("TEMP B-TREE");
        assertThat(String.join("\n", queries.plan(LogFilter.all().withDevice("tablet"), after)))
                .contains("USING INDEX blocked_device_time").doesNotContain("TEMP B-TREE");
        assertThat(String.join("\n", queries.plan(LogFilter.all().withProfile("kids"), null)))
                .contains("USING INDEX blocked_profile_time").doesNotContain("TEMP B-TREE");
        assertThat(String.join("\n", queries.plan(LogFilter.all().withCategory("adult"), after)))
                .contains("SEARCH c USING PRIMARY KEY (category=? AND time<?)").doesNotContain("TEMP B-TREE");
        // A rare text: its few names are found in the name table, their entries by blocked_name_time.
        assertThat(String.join("\n", queries.plan(LogFilter.all().withNameContaining("site3"), null)))
                .contains("USING INDEX blocked_name_time (name_id=?)");
    }

    @Test
    void textInMoreNamesThanAreListedIsFoundByWalkingNewestFirst() throws Exception {
        LogDatabase database = new LogDatabase(dir.resolve("many.db"), clock);
        int names = LogQueries.MAX_LISTED_NAMES + 100;
        try (BlockLog log = BlockLog.start(database, Entries.config(false), clock)) {
            for (int i = 0; i < names; i++) {
                log.offer(Entries.blocked(t0.plusMillis(i), "pc", "common-" + i + ".example", "ads-trackers"));
                log.offer(Entries.blocked(t0.plusMillis(i), "pc", "other-" + i + ".example", "ads-trackers"));
            }
            log.flush(WAIT);
        }
        LogQueries many = new LogQueries(database);
        LogFilter filter = LogFilter.all().withNameContaining("Common");
        assertThat(String.join("\n", many.plan(filter, null))).contains("blocked_time")
                .doesNotContain("blocked_name_time");
        List<String> seen = new ArrayList<>();
        PageCursor cursor = null;
        for (int page = 0; page < 100; page++) {
            LogPage result = many.blocked(filter, cursor, 97);
            result.entries().forEach(e -> seen.add(e.name()));
            cursor = result.next();
            if (cursor == null) {
                break;
            }
        }
        assertThat(seen).hasSize(names).allMatch(n -> n.startsWith("common-"));
        assertThat(seen.get(0)).isEqualTo("common-" + (names - 1) + ".example");
        assertThat(seen.get(names - 1)).isEqualTo("common-0.example");
    }

    @Test
    void nameSubstringMatchingNothingReturnsAnEmptyPage() throws Exception {
        assertThat(queries.blocked(LogFilter.all().withNameContaining("no-such-text"), null, 10).entries()).isEmpty();
    }

    @Test
    void dailyCountsRefuseAnUnboundedRange() {
        assertThatThrownBy(() -> queries.dailyCounts(null, LocalDate.of(2020, 1, 1), LocalDate.of(2026, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }

    private static boolean matches(LogFilter filter, BlockedLookup e) {
        return (filter.deviceId() == null || filter.deviceId().equals(e.deviceId()))
                && (filter.profile() == null || filter.profile().equals(e.profile()))
                && (filter.category() == null || e.categories().contains(filter.category()))
                && (filter.nameContains() == null || e.name().contains(filter.nameContains()))
                && (filter.since() == null || !e.time().isBefore(filter.since()))
                && (filter.until() == null || e.time().isBefore(filter.until()));
    }
}
