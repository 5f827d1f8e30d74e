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
    void customCategoriesTakeBitsInDeclaredOrderAsThePolicySeesThem() throws Exception {
        Path config = dir.resolve("hearth.yml");
        Files.writeString(config, """
                dataDir: var
                categories: [homework-cheats, tiktok-like]
                lists:
                  - name: a
                    category: homework-cheats
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
        // The policy derives its own catalog: the bits must be the index's, or a block would miss.
        CategoryCatalog policy = new org.hearth.gateway.policy.PolicyCompiler().compile(lists.config().config())
                .snapshot().catalog();
        assertThat(policy.byId("tiktok-like").orElseThrow().bit()).isEqualTo(firstCustom + 1);
        assertThat(lists.sources().get(0).remote()).isTrue();
        assertThat(lists.sources().get(1).localFile()).isEqualTo(dir.resolve("b.txt"));
        assertThat(lists.store().indexFile()).isEqualTo(dir.resolve("var/lists/index.hidx"));
    }
}
