package org.hearth.gateway.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * hearth.yml as SnakeYAML's node tree, which keeps where every key and value was written, plus an
 * index from key path ({@code dns.listen[1]}) to line so that any check can name the line.
 */
final class YamlTree {

    /** Deeper than any real config; stops alias cycles ({@code &a [*a]}) from recursing forever. */
    static final int MAX_DEPTH = 64;

    private final Node root;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<LocatedProblem> problems = new ArrayList<>();

    private YamlTree(Node root) {
        this.root = root;
        if (root != null) {
            index(root, "", 0);
        }
    }

    /** Parses the text; a syntax error becomes the only problem, at the line where the parser stopped. */
    static YamlTree parse(String text) throws InvalidYaml {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50); // the "billion laughs" bound
        try {
            return new YamlTree(new Yaml(options).compose(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null) {
                Mark start = e.getContextMark();
                boolean elsewhere = start != null && start.getLine() + 1 != line;
                what = e.getContext() + (elsewhere ? " that starts on line " + (start.getLine() + 1) : "") + ", " + what;
            }
            if (what.contains("expected <block end>")) {
                // SnakeYAML's words for a line indented differently from the ones it belongs with.
                what += "; check this line's indentation against the lines above it";
            }
            throw new InvalidYaml(line, "invalid YAML: " + oneLine(what));
        } catch (YAMLException e) {
            throw new InvalidYaml(0, "invalid YAML: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** The root node, or null for an empty file. */
    Node root() {
        return root;
    }

    /** Problems found while indexing (duplicate keys), each with its own line. */
    List<LocatedProblem> problems() {
        return problems;
    }

    /** The line of {@code path}, or of its nearest ancestor in the file; 0 when there is none. */
    int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return root == null ? 0 : line(root);
            }
            p = parent(p);
        }
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private void index(Node node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            return; // SchemaReader reports the depth; here we only stop
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Integer> seen = new HashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    continue; // SchemaReader says keys must be plain words
                }
                String childPath = child(path, key.getValue());
                Integer first = seen.putIfAbsent(key.getValue(), line(key));
                if (first != null) {
                    problems.add(new LocatedProblem(line(key), childPath,
                            "duplicate key (first given on line " + first + ")"));
                    continue;
                }
                lines.put(childPath, line(key));
                index(tuple.getValueNode(), childPath, depth + 1);
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                String childPath = path + "[" + i + "]";
                lines.put(childPath, line(items.get(i)));
                index(items.get(i), childPath, depth + 1);
            }
        }
    }

    /** A file that is not YAML at all. */
    static final class InvalidYaml extends Exception {
        final int line;

        InvalidYaml(int line, String message) {
            super(message);
            this.line = line;
        }
    }
}
