package org.hearth.blocklists.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.blocklists.DomainIndex;
import org.hearth.blocklists.DomainIndexHolder;
import org.hearth.blocklists.source.SourceFetcher.Outcome.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFetcherTest {

    @TempDir
    Path dir;
    ListServer server;
    SourceStore store;
    SourceFetcher fetcher;
    ListSource source;
    final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() throws IOException {
        server = new ListServer();
        store = new SourceStore(dir.resolve("lists"));
        fetcher = new SourceFetcher(clock, new SourceFetcher.Limits(1 << 20, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 0.5));
        source = ListSource.of("remote-adult", CategoryCatalog.builtIn().byId("adult").orElseThrow(),
                server.url().toString(), dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static byte[] hosts(int n) {
        StringBuilder s = new StringBuilder("# test list\n");
        for (int i = 0; i < n; i++) {
            s.append("0.0.0.0 host").append(i).append(".example\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void downloadIsKeptWithItsEtagAndThenAskedForConditionally() throws IOException {
        server.respond(new ListServer.Response(200, hosts(100), "\"v1\"", null));
        assertThat(fetcher.fetch(source, store)).isEqualTo(new SourceFetcher.Outcome(Kind.UPDATED, 100, null));
        assertThat(store.state(source).etag()).isEqualTo("\"v1\"");
        assertThat(store.state(source).lastSuccess()).isEqualTo(clock.instant());

        assertThat(fetcher.fetch(source, store).kind()).isEqualTo(Kind.NOT_MODIFIED);
        assertThat(server.ifNoneMatch).containsExactly("null", "\"v1\"");
    }

    @Test
    void gzipTransferEncodingIsDecoded() throws IOException {
        server.respond(new ListServer.Response(200, gzip(hosts(10)), null, "gzip"));
        assertThat(fetcher.fetch(source, store).entries()).isEqualTo(10);
        assertThat(Files.readString(store.rawFile(source))).contains("host9.example");
    }

    @Test
    void badDownloadsKeepTheLastGoodCopyAndRecordTheError() throws IOException {
        server.respond(new ListServer.Response(200, hosts(100), null, null));
        fetcher.fetch(source, store);
        byte[] good = Files.readAllBytes(store.rawFile(source));

        server.respond(new ListServer.Response(503, new byte[0], null, null));
        assertFailed("HTTP 503", good);

        server.respond(new ListServer.Response(200, "# nothing here\n".getBytes(StandardCharsets.UTF_8), null, null));
        assertFailed("no entries", good);

        byte[] gz = gzip(hosts(5000));
        server.respond(new ListServer.Response(200, Arrays.copyOf(gz, gz.length / 2), null, null));
        assertFailed("truncated", good);

        server.respond(new ListServer.Response(200, hosts(30), null, null));
        assertFailed("suspicious download: 30 entries, the last good copy had 100", good);

        server.respond(new ListServer.Response(200, hosts(60_000), null, null));
        assertFailed("too large", good);
        assertThat(store.state(source).lastSuccess()).isEqualTo(clock.instant());
    }

    private void assertFailed(String why, byte[] good) throws IOException {
        SourceFetcher.Outcome outcome = fetcher.fetch(source, store);
        assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
        assertThat(outcome.error()).contains("remote-adult").contains(why);
        assertThat(store.state(source).lastError()).isEqualTo(outcome.error());
        assertThat(Files.readAllBytes(store.rawFile(source))).isEqualTo(good);
        try (var files = Files.list(store.rawFile(source).getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".download"));
        }
    }

    @Test
    void refresherPublishesANewIndexOnlyWhenADownloadIsGood() throws IOException {
        DomainIndexHolder holder = new DomainIndexHolder(DomainIndex.EMPTY);
        ListRefresher refresher = new ListRefresher(List.of(source), store, fetcher, new ListCompiler(store, clock),
                holder);
        server.respond(new ListServer.Response(200, hosts(100), "\"a\"", null));
        assertThat(refresher.refresh(false)).isEqualTo(new ListRefresher.Result(1, 0, true));
        DomainIndex first = holder.current();
        assertThat(first.lookup("www.host7.example").matchedDomain()).isEqualTo("host7.example");
        assertThat(refresher.statuses()).singleElement().satisfies(s -> assertThat(s.entries()).isEqualTo(100));

        assertThat(refresher.refresh(false)).isEqualTo(new ListRefresher.Result(0, 0, false));
        assertThat(holder.current()).isSameAs(first);

        server.respond(new ListServer.Response(500, new byte[0], null, null));
        assertThat(refresher.refresh(false)).isEqualTo(new ListRefresher.Result(0, 1, false));
        assertThat(holder.current()).isSameAs(first);
        assertThat(first.lookup("host7.example").matched()).isTrue();
    }

    /** Regression (found by gateway it/fault/ListSourceFaultIT): a failed refresh left the status without its error. */
    @Test
    void failedRefreshShowsItsErrorInTheStatusWithoutARebuild() throws IOException {
        DomainIndexHolder holder = new DomainIndexHolder(DomainIndex.EMPTY);
        ListRefresher refresher = new ListRefresher(List.of(source), store, fetcher, new ListCompiler(store, clock),
                holder);
        server.respond(new ListServer.Response(200, hosts(100), null, null));
        refresher.refresh(false);
        assertThat(refresher.statuses()).singleElement().satisfies(s -> assertThat(s.lastError()).isNull());

        server.respond(new ListServer.Response(404, new byte[0], null, null));
        assertThat(refresher.refresh(false)).isEqualTo(new ListRefresher.Result(0, 1, false));
        assertThat(refresher.statuses()).singleElement().satisfies(s -> {
            assertThat(s.lastError()).contains("HTTP 404");
            assertThat(s.entries()).isEqualTo(100);
        });
    }
}
