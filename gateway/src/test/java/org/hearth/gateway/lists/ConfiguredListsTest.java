package org.hearth.gateway.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hearth.blocklists.CategoryCatalog;
import org.hearth.gateway.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredListsTest {

    @TempDir
    Path dir;

    @Test
    void customCategoriesTakeBitsInOrderOfFirstAppearanceInListsThenProfiles() throws Exception {
        Path config = dir.resolve("hearth.yml");
        Files.writeString(config, """
                dataDir: var
                lists:
                  - name: a
                    category: Homework-Cheats
                    source: https://lists.example/a.txt
                  - name: b
                    category: adult
                    source: b.txt
                profiles:
                  kids:
                    block: [adult, tiktok-like, homework-cheats]
                """);
        ConfiguredLists lists = ConfiguredLists.from(ConfigLoader.load(config));
        CategoryCatalog catalog = lists.catalog();
        int firstCustom = CategoryCatalog.BUILT_IN_IDS.size();
        assertThat(catalog.byId("homework-cheats").orElseThrow().bit()).isEqualTo(firstCustom);
        assertThat(catalog.byId("tiktok-like").orElseThrow().bit()).isEqualTo(firstCustom + 1);
        assertThat(lists.sources().get(0).remote()).isTrue();
        assertThat(lists.sources().get(1).localFile()).isEqualTo(dir.resolve("b.txt"));
        assertThat(lists.store().indexFile()).isEqualTo(dir.resolve("var/lists/index.hidx"));
    }
}
