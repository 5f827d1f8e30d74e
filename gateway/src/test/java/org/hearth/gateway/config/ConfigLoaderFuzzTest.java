package org.hearth.gateway.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.hearth.gateway.dns.FuzzBudget;

/**
 * Whatever text a person (or a broken editor) leaves in hearth.yml, loading it either gives a
 * config or a ConfigException naming the problems: never another exception, never a hang.
 */
class ConfigLoaderFuzzTest {

    private static final Path FILE = Path.of("/nonexistent-hearth-fuzz/hearth.yml");

    @FuzzTest(maxDuration = FuzzBudget.DEFAULT)
    void anyTextLoadsOrNamesItsProblems(byte[] bytes) {
        // The loader itself refuses bytes that are not UTF-8 before parsing; text is what gets here.
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            ConfigLoader.parse(text, FILE, "hearth.yml", List.of());
        } catch (ConfigException expected) {
            if (expected.problems().isEmpty() || expected.problems().stream().anyMatch(String::isBlank)) {
                throw new AssertionError("a ConfigException without a problem to show", expected);
            }
        }
    }
}
