package org.hearth.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema pass on types other packages may add: enums, java.time values, nested maps. */
class SchemaReaderTest {

    enum Mode { STRICT, MODERATE }

    record Window(@JsonProperty("from") LocalTime from, @JsonProperty("mode") Mode mode) {}

    record Section(@JsonProperty("windows") Map<String, List<Window>> windows, @JsonProperty("limit") Long limit) {}

    private final SchemaReader reader = new SchemaReader(ConfigMapper.yaml());

    private JsonNode read(String yaml) throws Exception {
        return reader.read(YamlTree.parse(yaml).root(), Section.class, "", 0);
    }

    @Test
    void typesItDoesNotKnowAreJudgedByJacksonAtTheirOwnLine() throws Exception {
        JsonNode tree = read("""
                windows:
                  school:
                    - from: "08:00"
                      mode: STRICT
                    - from: "25:00"
                      mode: LAX
                limit: 12_000
                """);
        assertThat(reader.problems()).extracting(LocatedProblem::line, LocatedProblem::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(5, "windows.school[1].from"),
                        org.assertj.core.groups.Tuple.tuple(6, "windows.school[1].mode"));
        assertThat(reader.problems().get(1).message()).contains("LAX", "STRICT", "MODERATE");
        Section section = ConfigMapper.yaml().treeToValue(tree, Section.class);
        // Bad values are left out, not the entries holding them, so later checks still see every entry.
        assertThat(section.windows().get("school"))
                .containsExactly(new Window(LocalTime.of(8, 0), Mode.STRICT), new Window(null, null));
        assertThat(section.limit()).isEqualTo(12_000L);
    }

    @Test
    void sexagesimalLookingTimesStayTextForStringKeys() throws Exception {
        record Times(@JsonProperty("from") String from) {}
        JsonNode tree = reader.read(YamlTree.parse("from: 21:00\n").root(), Times.class, "", 0);
        assertThat(reader.problems()).isEmpty();
        assertThat(tree.get("from").asText()).isEqualTo("21:00"); // YAML 1.1 would make this the integer 1260
    }

    @Test
    void aliasCycleIsStoppedByTheDepthBound() throws Exception {
        record Nested(@JsonProperty("a") List<Object> a) {}
        reader.read(YamlTree.parse("a: &x [*x]\n").root(), Nested.class, "", 0);
        assertThat(reader.problems()).isEmpty(); // Object items go to Jackson as a bounded plain tree
    }
}
