package org.hearth.gateway.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
}
