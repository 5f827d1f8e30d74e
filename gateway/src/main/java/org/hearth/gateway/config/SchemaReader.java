package org.hearth.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the YAML node tree against the shape of the config records, collecting every problem
 * (unknown key, wrong kind of value, bad number or duration) instead of stopping at the first, as
 * Jackson would. What it returns is a Jackson tree with the bad parts left out, so the rest can still
 * be bound and checked in the same run.
 */
final class SchemaReader {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final Set<String> TRUE = Set.of("true", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "no", "off");

    private final ObjectMapper mapper;
    private final List<LocatedProblem> problems = new ArrayList<>();

    SchemaReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<LocatedProblem> problems() {
        return problems;
    }

    /** The tree for {@code type}, or null when the node is empty or wrong (its problem is recorded). */
    JsonNode read(Node node, Type type, String path, int depth) {
        if (depth > YamlTree.MAX_DEPTH) {
            return fail(node, path, "nested too deeply (more than " + YamlTree.MAX_DEPTH + " levels)");
        }
        if (isNull(node)) {
            return null;
        }
        Class<?> raw = RecordShape.rawClass(type);
        if (raw.isRecord()) {
            return readRecord(node, raw, path, depth);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return readList(node, RecordShape.typeArgument(type, 0), path, depth);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return readMap(node, RecordShape.typeArgument(type, 1), path, depth);
        }
        if (raw == String.class) {
            return scalar(node, path) instanceof ScalarNode s ? JSON.textNode(s.getValue()) : null;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return readWholeNumber(node, raw == Integer.class || raw == int.class, path);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return readBoolean(node, path);
        }
        if (raw == Duration.class) {
            return readDuration(node, path);
        }
        return readByJackson(node, type, path, depth);
    }

    private JsonNode readRecord(Node node, Class<?> type, String path, int depth) {
        if (!(node instanceof MappingNode mapping)) {
            return fail(node, path, "must be a section of keys ("
                    + String.join(", ", RecordShape.keys(type).keySet()) + "), not " + kind(node));
        }
        Map<String, Type> known = RecordShape.keys(type);
        ObjectNode out = JSON.objectNode();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : entries(mapping, path, depth)) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                fail(tuple.getKeyNode(), path, "keys must be plain words, not " + kind(tuple.getKeyNode()));
                continue;
            }
            String key = keyNode.getValue();
            if (!seen.add(key)) {
                continue; // YamlTree reports the duplicate
            }
            String childPath = YamlTree.child(path, key);
            Type childType = known.get(key);
            if (childType == null) {
                fail(keyNode, childPath, unknownKey(key, path, known.keySet()));
                continue;
            }
            JsonNode value = read(tuple.getValueNode(), childType, childPath, depth + 1);
            if (value != null) {
                out.set(key, value);
            } else if (isNull(tuple.getValueNode()) && RecordShape.rawClass(childType).isRecord()) {
                out.set(key, JSON.objectNode()); // "admin:" with nothing under it: the section at its defaults
            }
        }
        return out;
    }

    private JsonNode readList(Node node, Type itemType, String path, int depth) {
        if (!(node instanceof SequenceNode sequence)) {
            return fail(node, path, "must be a list ([a, b] or lines starting with \"- \"), not " + kind(node));
        }
        ArrayNode out = JSON.arrayNode();
        List<Node> items = sequence.getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (isNull(items.get(i))) {
                fail(items.get(i), itemPath, "is empty");
                continue;
            }
            JsonNode item = read(items.get(i), itemType, itemPath, depth + 1);
            if (item != null) {
                out.add(item);
            }
        }
        return out;
    }

    private JsonNode readMap(Node node, Type valueType, String path, int depth) {
        if (!(node instanceof MappingNode mapping)) {
            return fail(node, path, "must be a section of named entries, not " + kind(node));
        }
        ObjectNode out = JSON.objectNode();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : entries(mapping, path, depth)) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                fail(tuple.getKeyNode(), path, "names must be plain words, not " + kind(tuple.getKeyNode()));
                continue;
            }
            if (!seen.add(keyNode.getValue())) {
                continue;
            }
            String childPath = YamlTree.child(path, keyNode.getValue());
            Node valueNode = tuple.getValueNode();
            JsonNode value;
            if (isNull(valueNode) && RecordShape.rawClass(valueType).isRecord()) {
                value = JSON.objectNode(); // "kids:" alone: an entry with every key at its default
            } else if (isNull(valueNode)) {
                value = fail(valueNode, childPath, "is empty");
            } else {
                value = read(valueNode, valueType, childPath, depth + 1);
            }
            if (value != null) {
                out.set(keyNode.getValue(), value);
            }
        }
        return out;
    }

    /**
     * The entries of a section with YAML merge keys ({@code <<: *lab}) expanded, so a school can base
     * one profile on another. Keys written in the section come first and so win over merged ones.
     */
    private List<NodeTuple> entries(MappingNode mapping, String path, int depth) {
        List<NodeTuple> own = new ArrayList<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key && Tag.MERGE.equals(key.getTag()))) {
                own.add(tuple);
                continue;
            }
            Node value = tuple.getValueNode();
            for (Node source : value instanceof SequenceNode list ? list.getValue() : List.of(value)) {
                if (!(source instanceof MappingNode base)) {
                    fail(source, YamlTree.child(path, "<<"), "can only merge a section, such as *lab for a"
                            + " section marked &lab");
                } else if (depth > YamlTree.MAX_DEPTH) {
                    fail(source, YamlTree.child(path, "<<"), "merges nested too deeply");
                } else {
                    merged.addAll(entries(base, path, depth + 1));
                }
            }
        }
        own.addAll(merged);
        return own;
    }

    private JsonNode readWholeNumber(Node node, boolean intRange, String path) {
        if (!(scalar(node, path) instanceof ScalarNode s)) {
            return null;
        }
        String text = s.getValue().replace("_", "");
        try {
            long value = Long.parseLong(text);
            if (intRange && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                return fail(node, path, "\"" + s.getValue() + "\" is too large");
            }
            return intRange ? JSON.numberNode((int) value) : JSON.numberNode(value);
        } catch (NumberFormatException e) {
            return fail(node, path, "\"" + s.getValue() + "\" is not a whole number");
        }
    }

    private JsonNode readBoolean(Node node, String path) {
        if (!(scalar(node, path) instanceof ScalarNode s)) {
            return null;
        }
        String text = s.getValue().toLowerCase(Locale.ROOT);
        if (TRUE.contains(text) || FALSE.contains(text)) {
            return JSON.booleanNode(TRUE.contains(text));
        }
        return fail(node, path, "\"" + s.getValue() + "\" is not true or false");
    }

    private JsonNode readDuration(Node node, String path) {
        if (!(scalar(node, path) instanceof ScalarNode s)) {
            return null;
        }
        try {
            Durations.parse(s.getValue());
            return JSON.textNode(s.getValue());
        } catch (IllegalArgumentException e) {
            return fail(node, path, e.getMessage());
        }
    }

    /** Types this reader does not know (another package's enums, times, classes): Jackson judges them. */
    private JsonNode readByJackson(Node node, Type type, String path, int depth) {
        JsonNode tree = PlainTree.of(node, depth);
        try {
            mapper.readerFor(mapper.constructType(type)).readValue(tree);
            return tree;
        } catch (IOException | IllegalArgumentException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage();
            return fail(node, path, oneLine(message));
        }
    }

    private Node scalar(Node node, String path) {
        if (node instanceof ScalarNode) {
            return node;
        }
        fail(node, path, "must be a single value, not " + kind(node));
        return null;
    }

    private JsonNode fail(Node node, String path, String message) {
        problems.add(new LocatedProblem(YamlTree.line(node), path, message));
        return null;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a section of keys";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "\"" + ((ScalarNode) node).getValue() + "\"";
    }

    private static String unknownKey(String key, String section, Set<String> known) {
        String where = section.isEmpty() ? "unknown top-level key" : "unknown key in " + section;
        String suggestion = KeySuggestion.closest(key, known).map(k -> " (did you mean \"" + k + "\"?)").orElse("");
        return where + suggestion + "; known keys: " + String.join(", ", known);
    }

    private static String oneLine(String s) {
        return s == null ? "invalid value" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
