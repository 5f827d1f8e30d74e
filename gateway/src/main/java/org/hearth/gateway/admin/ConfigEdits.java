package org.hearth.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.HearthConfig;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.manage.ConfigEditor;

/**
 * How the admin routes change hearth.yml: every change through {@link ConfigEditor} (re-read,
 * checked like the file, written atomically, in force at once, audited), its refusals turned into
 * answers the page can show.
 */
final class ConfigEdits {

    /** "hearth.yml:12: profiles.kids.block: ..." -> "hearth.yml: profiles.kids.block: ...". */
    private static final Pattern LINE = Pattern.compile("^([^:\\s]+):\\d+: ");

    private final ConfigEditor editor;
    private final ObjectMapper json;

    ConfigEdits(ConfigEditor editor, ObjectMapper json) {
        this.editor = editor;
        this.json = json;
    }

    /** Who the audit trail names: the signed-in account. */
    static String who(Context ctx) {
        return UserRoutes.who(ctx);
    }

    /** The config as the file says now. */
    LoadedConfig current() {
        try {
            return editor().current();
        } catch (ConfigException e) {
            // Someone broke the file by hand: say so, the page cannot edit on top of it.
            throw new ConfigRefusal("hearth.yml has problems; fix them in the file or import a good one",
                    e.problems());
        }
    }

    /** Applies {@code change}; a config that fails its checks is refused (400) and nothing is written. */
    ConfigEditor.Outcome edit(Context ctx, String action, UnaryOperator<HearthConfig> change) throws IOException {
        try {
            return editor().edit(who(ctx), action, change);
        } catch (ConfigException e) {
            // The file written would be generated: its line numbers would mean nothing to the parent.
            throw new ConfigRefusal("that change was not saved", e.problems().stream()
                    .map(problem -> LINE.matcher(problem).replaceFirst("$1: ")).toList());
        } catch (IllegalArgumentException e) {
            // A record refusing a value as it is built (log.retentionDays below 1, ...).
            throw new ConfigRefusal("that change was not saved", List.of(e.getMessage()));
        }
    }

    /** Replaces the file with {@code yaml}: problems keep their line numbers, which are the text's. */
    ConfigEditor.Outcome replace(Context ctx, String yaml) throws IOException {
        try {
            return editor().replace(who(ctx), "imported the config", yaml);
        } catch (ConfigException e) {
            throw new ConfigRefusal("that config was not imported", e.problems());
        }
    }

    /** The config export, secrets masked ({@link ConfigEditor#export}). */
    String text() throws IOException {
        try {
            return editor().export();
        } catch (ConfigException e) {
            // The file on disk no longer loads (a hand edit): export it as it is, to help fix it.
            return editor().text();
        }
    }

    /** The answer to a change: what changed, and what the running gateway could not apply yet. */
    static void answer(Context ctx, ConfigEditor.Outcome outcome) {
        ctx.json(Map.of("changes", outcome.changes(), "problems", outcome.problems()));
    }

    <T> T body(Context ctx, Class<T> type) {
        try {
            T value = json.readValue(ctx.body(), type);
            if (value == null) {
                throw new AdminRefusal(400, "the request body is empty");
            }
            return value;
        } catch (IOException e) {
            throw new AdminRefusal(400, "the request body is not the JSON this call expects");
        }
    }

    private ConfigEditor editor() {
        if (editor == null) {
            throw new AdminRefusal(503, "this admin server has no config to edit");
        }
        return editor;
    }
}
