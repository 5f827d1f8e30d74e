package org.hearth.gateway.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Reads hearth.yml into a {@link LoadedConfig}, or says precisely what is wrong with it: every
 * problem, each on one line with the file, line, key path and value.
 *
 * <p>Three passes over one read of the file: SnakeYAML's node tree (syntax, with line marks), the
 * record shapes (unknown keys, kinds of value), then semantic checks on the bound records (the
 * standard ones and any the caller adds). Parts that fail a pass are left out of the next, so one
 * run reports as much as it can.
 */
public final class ConfigLoader {

    private static final ConfigCheck STANDARD = new StandardChecks();
    private static final ConfigCheck ADMIN = new AdminChecks();
    /** A school with thousands of devices fits in a few hundred kilobytes; more is a wrong file. */
    static final long MAX_BYTES = 16L << 20;

    private ConfigLoader() {}

    public static LoadedConfig load(Path file) throws ConfigException {
        return load(file, List.of());
    }

    /** Loads, then runs the standard checks and {@code extraChecks}; any problem fails the load. */
    public static LoadedConfig load(Path file, List<ConfigCheck> extraChecks) throws ConfigException {
        return load(file, file.getFileName().toString(), extraChecks);
    }

    /** As {@link #load(Path, List)}, naming the file {@code shownName} in problems (for temp files). */
    static LoadedConfig load(Path file, String shownName, List<ConfigCheck> extraChecks) throws ConfigException {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(List.of(shownName + ": " + Files.size(file) + " bytes is far too large"
                        + " for a config file (at most " + MAX_BYTES + ")"));
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(shownName + ": no such file (" + file.toAbsolutePath() + ")"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(shownName + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(List.of(shownName + ": cannot read: " + e));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte-order mark some Windows editors put first
        }
        return parse(text, file, shownName, extraChecks);
    }

    /** Validates {@code text} as if it were the content of {@code file}, problems named after the file. */
    public static LoadedConfig parse(String text, Path file, List<ConfigCheck> extraChecks) throws ConfigException {
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, file,
                file.getFileName().toString(), extraChecks);
    }

    /** Validates {@code text} as if it were the content of {@code file}. */
    static LoadedConfig parse(String text, Path file, String shownName, List<ConfigCheck> extraChecks)
            throws ConfigException {
        YamlTree tree;
        try {
            tree = YamlTree.parse(text);
        } catch (YamlTree.InvalidYaml e) {
            throw new ConfigException(List.of(new LocatedProblem(e.line, "", e.getMessage()).format(shownName)));
        }
        List<LocatedProblem> problems = new ArrayList<>(tree.problems());
        ObjectMapper mapper = ConfigMapper.yaml();
        JsonNode json = new ObjectNode(mapper.getNodeFactory());
        if (tree.root() != null && !(tree.root() instanceof MappingNode)) {
            problems.add(new LocatedProblem(YamlTree.line(tree.root()), "",
                    "the file must be a section of keys (dns:, upstreams:, lists:, ...), not a list or a single value"));
        } else if (tree.root() != null) {
            SchemaReader reader = new SchemaReader(mapper);
            JsonNode read = reader.read(tree.root(), HearthConfig.class, "", 0);
            problems.addAll(reader.problems());
            json = read == null ? json : read;
        }
        HearthConfig config;
        try {
            config = mapper.treeToValue(json, HearthConfig.class);
        } catch (JsonMappingException e) {
            // The schema pass should have caught it; a record constructor that rejects a value lands here.
            String path = path(e);
            problems.add(new LocatedProblem(tree.lineOf(path), path, oneLine(e.getOriginalMessage())));
            throw failure(problems, shownName);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new LocatedProblem(0, "", oneLine(e.getMessage())));
            throw failure(problems, shownName);
        }
        List<ConfigCheck> checks = new ArrayList<>();
        checks.add(STANDARD);
        checks.add(ADMIN); // adminx: admin.users and admin.hosts
        checks.addAll(extraChecks);
        for (ConfigCheck check : checks) {
            List<ConfigProblem> found;
            try {
                found = check.check(config);
            } catch (RuntimeException e) {
                // A check that throws is a bug in that check; say so rather than lose the other problems.
                found = List.of(new ConfigProblem("", "check " + check.getClass().getName() + " failed: " + e));
            }
            for (ConfigProblem p : found) {
                problems.add(new LocatedProblem(tree.lineOf(p.path()), p.path(), p.message()));
            }
        }
        if (!problems.isEmpty()) {
            throw failure(problems, shownName);
        }
        return new LoadedConfig(config, file);
    }

    private static ConfigException failure(List<LocatedProblem> problems, String shownName) {
        return new ConfigException(problems.stream()
                .sorted(Comparator.comparingInt(LocatedProblem::line))
                .map(p -> p.format(shownName))
                .distinct()
                .toList());
    }

    /** Jackson's path ({@code ["dns"]["listen"][1]}) in our form ({@code dns.listen[1]}). */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "invalid" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
