package org.hearth.gateway.manage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hearth.gateway.config.ConfigMapper;
import org.hearth.gateway.config.HearthConfig;

/**
 * hearth.yml's text with only the top-level sections an edit changed written afresh: a parent's
 * comments, and the layout of every section the admin page did not touch, stay as they were. The
 * default config is mostly comments explaining each key; a first sign-in must not wipe them.
 *
 * <p>A section starts at a line {@code key:} in the first column and runs to the next such line,
 * leaving the comments just above that next key with it. A section the file does not have is
 * appended. The caller checks that the result loads as the edited config, and writes the whole
 * config instead when it does not (a file laid out in a way this cannot follow).
 */
final class SectionEdit {

    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z_\"'][^:#]*:(\\s.*|)$");

    private SectionEdit() {}

    static String apply(String text, HearthConfig before, HearthConfig after) {
        ObjectMapper yaml = ConfigMapper.yaml();
        JsonNode old = yaml.valueToTree(before);
        JsonNode now = yaml.valueToTree(after);
        Set<String> keys = new LinkedHashSet<>();
        old.fieldNames().forEachRemaining(keys::add);
        now.fieldNames().forEachRemaining(keys::add);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the file's last newline
        }
        for (String key : keys) {
            if (old.path(key).equals(now.path(key))) {
                continue;
            }
            List<String> section = now.path(key).isMissingNode() || now.path(key).isNull() ? List.of()
                    : List.of(section(yaml, key, now.get(key)).split("\n"));
            int start = find(lines, key);
            if (start < 0) {
                lines.addAll(section);
            } else {
                int end = end(lines, start);
                lines.subList(start, end).clear();
                lines.addAll(start, section);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String section(ObjectMapper yaml, String key, JsonNode value) {
        Map<String, JsonNode> one = new LinkedHashMap<>();
        one.put(key, value);
        try {
            return yaml.writeValueAsString(one).stripTrailing();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a config tree always serialises", e);
        }
    }

    private static int find(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (TOP_LEVEL_KEY.matcher(line).matches() && keyOf(line).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The line after the section: the next top-level key, less the comments and blank lines just above it. */
    private static int end(List<String> lines, int start) {
        int next = start + 1;
        while (next < lines.size() && !TOP_LEVEL_KEY.matcher(lines.get(next)).matches()) {
            next++;
        }
        int end = next;
        while (end > start + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).startsWith("#"))) {
            end--;
        }
        return end;
    }

    private static String keyOf(String line) {
        String key = line.substring(0, line.indexOf(':')).strip();
        if (key.length() >= 2 && (key.startsWith("\"") || key.startsWith("'"))) {
            key = key.substring(1, key.length() - 1);
        }
        return key;
    }
}
