package org.hearth.gateway.manage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hearth.gateway.config.ConfigMapper;
import org.hearth.gateway.config.HearthConfig;

/**
 * The changed keys between two configs, one line each ({@code profiles.kids.block: ["adult"] ->
 * ["adult","gambling"]}), for the audit trail. Secrets never appear: a key whose name says password,
 * token or secret shows as "(changed)".
 */
public final class ConfigDiff {

    static final String MASK = "(changed)";

    private ConfigDiff() {}

    public static List<String> between(HearthConfig before, HearthConfig after) {
        List<String> changes = new ArrayList<>();
        walk("", ConfigMapper.json().valueToTree(before), ConfigMapper.json().valueToTree(after), changes);
        return changes;
    }

    private static void walk(String path, JsonNode before, JsonNode after, List<String> changes) {
        if (before.equals(after)) {
            return;
        }
        if (before.isObject() && after.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String child = path.isEmpty() ? key : path + "." + key;
                JsonNode old = before.path(key);
                JsonNode now = after.path(key);
                if (old.isMissingNode() || old.isNull()) {
                    if (!now.isNull()) {
                        changes.add(child + ": added " + shown(key, now));
                    }
                } else if (now.isMissingNode() || now.isNull()) {
                    changes.add(child + ": removed");
                } else {
                    walk(child, old, now, changes);
                }
            }
            return;
        }
        String key = path.substring(path.lastIndexOf('.') + 1);
        changes.add(path + ": " + shown(key, before) + " -> " + shown(key, after));
    }

    private static String shown(String key, JsonNode value) {
        if (secret(key) || containsSecret(value)) {
            return MASK;
        }
        return value.toString();
    }

    static boolean secret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("token") || lower.contains("secret");
    }

    private static boolean containsSecret(JsonNode value) {
        if (value.isObject()) {
            for (Iterator<String> names = value.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (secret(name) || containsSecret(value.get(name))) {
                    return true;
                }
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (containsSecret(item)) {
                    return true;
                }
            }
        }
        return false;
    }
}
