package org.hearth.gateway.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hearth.blocklists.index.MappedDomainIndex;
import org.hearth.gateway.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListsRuntimeTest {

    @TempDir
    Path dir;

    private ConfiguredLists lists(String source) throws Exception {
        Path config = dir.resolve("hearth.yml");
        Files.writeString(config, """
                lists:
                  - name: adult
                    category: adult
                    source: %s
                """.formatted(source));
        Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        return ConfiguredLists.from(ConfigLoader.load(config));
    }

    @Test
    void missingIndexIsBuiltInTheBackgroundAndAFreshOneIsReusedAtOnce() throws Exception {
        Files.writeString(dir.resolve("adult.txt"), "porn.example\n");
        Files.setLastModifiedTime(dir.resolve("adult.txt"), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        ConfiguredLists lists = lists("adult.txt");
        try (ListsRuntime runtime = ListsRuntime.start(lists, Clock.systemUTC(), Duration.ofHours(24), Duration.ZERO)) {
            runtime.ready().get(30, TimeUnit.SECONDS);
            assertThat(runtime.holder().current().lookup("www.porn.example").matched()).isTrue();
            assertThat(runtime.statuses()).singleElement().satisfies(s -> assertThat(s.entries()).isEqualTo(1));
        }
        try (ListsRuntime again = ListsRuntime.start(lists, Clock.systemUTC(), Duration.ofHours(24), Duration.ZERO)) {
            assertThat(again.ready()).isCompleted();
            assertThat(again.holder().current()).isInstanceOf(MappedDomainIndex.class);
            assertThat(again.holder().current().lookup("porn.example").matched()).isTrue();
            assertThat(again.statuses()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("adult"));
        }
    }

    @Test
    void remoteSourceWithoutADownloadGetsTheStarterListMeanwhile() throws Exception {
        // Port 9 on loopback (discard) refuses the connection: the download fails at once.
        ConfiguredLists lists = lists("http://127.0.0.1:9/adult.txt");
        try (ListsRuntime runtime = ListsRuntime.start(lists, Clock.systemUTC(), Duration.ofHours(24), Duration.ZERO)) {
            runtime.ready().get(30, TimeUnit.SECONDS);
            assertThat(runtime.holder().current().size()).isGreaterThan(10_000);
            assertThat(runtime.statuses()).extracting(s -> s.name()).contains("adult", "starter-adult-tiuxo");
        }
    }

    @Test
    void corruptIndexIsNotServedAndIsRebuilt() throws Exception {
        Files.writeString(dir.resolve("adult.txt"), "porn.example\n");
        Files.setLastModifiedTime(dir.resolve("adult.txt"), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        ConfiguredLists lists = lists("adult.txt");
        Files.createDirectories(lists.store().dir());
        Files.write(lists.store().indexFile(), new byte[200]);
        try (ListsRuntime runtime = ListsRuntime.start(lists, Clock.systemUTC(), Duration.ofHours(24), Duration.ZERO)) {
            runtime.ready().get(30, TimeUnit.SECONDS);
            assertThat(runtime.holder().current().lookup("porn.example").matched()).isTrue();
        }
    }

    @Test
    void editedListsTakeEffectWithoutRestartAndTheNewIntervalDrivesRefreshes() throws Exception {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            list.append("0.0.0.0 remote").append(i).append(".example\n");
        }
        String[] body = {list.toString()};
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/list.txt", exchange -> {
            byte[] bytes = body[0].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        http.start();
        Files.writeString(dir.resolve("adult.txt"), "porn.example\n");
        try (ListsRuntime runtime = ListsRuntime.start(lists("adult.txt"), Clock.systemUTC(), Duration.ofHours(24),
                Duration.ZERO)) {
            runtime.ready().get(30, TimeUnit.SECONDS);
            assertThat(runtime.holder().current().lookup("porn.example").matched()).isTrue();

            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/list.txt";
            ConfiguredLists remote = lists(url);
            assertThat(runtime.reconfigure(remote, Duration.ofMillis(300)).get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(runtime.holder().current().lookup("remote7.example").matched()).isTrue();
            assertThat(runtime.holder().current().lookup("porn.example").matched())
                    .as("the removed source's names are gone").isFalse();
            assertThat(runtime.refreshInterval()).isEqualTo(Duration.ofMillis(300));
            assertThat(runtime.configured()).isSameAs(remote);
            assertThat(runtime.reconfigure(remote, Duration.ofMillis(300))).as("nothing changed: nothing to do")
                    .isCompletedWithValue(true);

            body[0] = list + "0.0.0.0 added-later.example\n";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!runtime.holder().current().lookup("added-later.example").matched()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(runtime.holder().current().lookup("added-later.example").matched())
                    .as("the scheduled refresh at the new interval downloaded the changed list").isTrue();
        } finally {
            http.stop(0);
        }
    }

    @Test
    void goingBackToTheListsInForceWhileOthersBuildEndsWithTheListsInForce() throws Exception {
        Files.writeString(dir.resolve("adult.txt"), "porn.example\n");
        Files.writeString(dir.resolve("other.txt"), "other.example\n");
        ConfiguredLists first = lists("adult.txt");
        try (ListsRuntime runtime = ListsRuntime.start(first, Clock.systemUTC(), Duration.ofHours(24), Duration.ZERO)) {
            runtime.ready().get(30, TimeUnit.SECONDS);
            java.util.concurrent.CompletableFuture<Boolean> other = runtime.reconfigure(lists("other.txt"),
                    Duration.ofHours(24));
            java.util.concurrent.CompletableFuture<Boolean> back = runtime.reconfigure(lists("adult.txt"),
                    Duration.ofHours(24));
            assertThat(other.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(back.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(runtime.holder().current().lookup("porn.example").matched()).isTrue();
            assertThat(runtime.holder().current().lookup("other.example").matched()).isFalse();
        }
    }
}
