package org.hearth.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** A YAML subtree as a Jackson tree with no schema to guide it: for types the schema pass does not know. */
final class PlainTree {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PlainTree() {}

    /** The node as Jackson would have read it, types taken from YAML's own resolution. */
    static JsonNode of(Node node, int depth) {
        if (depth > YamlTree.MAX_DEPTH) {
            return JSON.nullNode();
        }
        if (node instanceof MappingNode mapping) {
            ObjectNode out = JSON.objectNode();
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.set(k.getValue(), of(t.getValueNode(), depth + 1));
                }
            }
            return out;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode out = JSON.arrayNode();
            sequence.getValue().forEach(n -> out.add(of(n, depth + 1)));
            return out;
        }
        ScalarNode s = (ScalarNode) node;
        if (SchemaReader.isNull(node)) {
            return JSON.nullNode();
        }
        try {
            if (Tag.INT.equals(s.getTag())) {
                return JSON.numberNode(Long.parseLong(s.getValue().replace("_", "")));
            }
            if (Tag.FLOAT.equals(s.getTag())) {
                return JSON.numberNode(Double.parseDouble(s.getValue().replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return JSON.textNode(s.getValue()); // hex, octal or sexagesimal YAML 1.1 forms: let the target decide
        }
        if (Tag.BOOL.equals(s.getTag())) {
            return JSON.booleanNode(SchemaReader.TRUE.contains(s.getValue().toLowerCase(Locale.ROOT)));
        }
        return JSON.textNode(s.getValue());
    }
}
