package org.hearth.gateway.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hearth.blocklists.source.ListRefresher;
import org.hearth.blocklists.source.SourceStatus;
import org.hearth.gateway.config.ConfigException;
import org.hearth.gateway.config.ListSourceConfig;
import org.hearth.gateway.lists.ListsRuntime;
import org.hearth.gateway.manage.ConfigEditor;

/**
 * The list sources: what hearth.yml names, each with how it stands in the running index; adding and
 * removing one (through the config editor, audited); fetching them all now. A source added here is
 * "pending" until the running lists pick the changed section up.
 */
final class ListRoutes {

    /** Long enough for the shared lists over a home line; past it the page is told to look again. */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(30);

    private final ConfigEditor editor;
    private final ListsRuntime lists;
    private final Clock clock;
    private final ObjectMapper json;
    /** When the page last asked for a refresh; scheduled refreshes show in lastSuccess and error. */
    private volatile Instant lastAttempt;

    record NewList(String name, String category, String source) {}

    record Status(String state, long domains, Instant lastSuccess, Instant lastAttempt, String error) {}

    record ListView(String name, String category, String source, Status status) {}

    ListRoutes(ConfigEditor editor, ListsRuntime lists, Clock clock, ObjectMapper json) {
        this.editor = editor;
        this.lists = lists;
        this.clock = clock;
        this.json = json;
    }

    void register(Javalin app) {
        app.get("/api/lists", this::list, AdminRole.VIEWER);
        app.post("/api/lists", this::add, AdminRole.ADMIN);
        app.post("/api/lists/refresh", this::refresh, AdminRole.ADMIN);
        app.delete("/api/lists/{name}", this::remove, AdminRole.ADMIN);
    }

    /** {@code GET /api/lists}: {lists: [{name, category, source, status: {state, domains, lastSuccess, lastAttempt, error}}]}. */
    private void list(Context ctx) throws ConfigException {
        Map<String, SourceStatus> running = new LinkedHashMap<>();
        if (lists != null) {
            lists.statuses().forEach(status -> running.put(status.name(), status));
        }
        List<ListView> shown = new ArrayList<>();
        for (ListSourceConfig source : editor().current().config().lists()) {
            shown.add(new ListView(source.name(), source.category(), source.source(),
                    status(running.get(source.name()))));
        }
        ctx.json(Map.of("lists", shown));
    }

    private Status status(SourceStatus status) {
        if (status == null) {
            return new Status("pending", 0, null, lastAttempt, null);
        }
        String state = status.lastError() != null ? "failed" : status.lastSuccess() == null ? "pending" : "ok";
        return new Status(state, status.entries(), status.lastSuccess(), lastAttempt, status.lastError());
    }

    /** {@code POST /api/lists {name, category, source}}: 201; 409 when the name is taken; 400 with the config's problems. */
    private void add(Context ctx) throws ConfigException, IOException {
        NewList request = RequestBody.read(json, ctx, NewList.class);
        if (request.name() == null || request.category() == null || request.source() == null) {
            throw new AdminRefusal(400, "give name, category and source");
        }
        ListSourceConfig added = new ListSourceConfig(request.name().strip(), request.category().strip(),
                source(request.source().strip()));
        editor().edit(UserRoutes.who(ctx), "added list \"" + added.name() + "\"", config -> {
            if (config.lists().stream().anyMatch(l -> added.name().equalsIgnoreCase(l.name()))) {
                throw new AdminRefusal(409, "there is already a list \"" + added.name() + "\"");
            }
            List<ListSourceConfig> next = new ArrayList<>(config.lists());
            next.add(added);
            return config.withLists(next);
        });
        ctx.status(201).json(new ListView(added.name(), added.category(), added.source(), status(null)));
    }

    /** {@code DELETE /api/lists/{name}}: 204; 404 when hearth.yml names no such list. */
    private void remove(Context ctx) throws ConfigException, IOException {
        String name = ctx.pathParam("name");
        editor().edit(UserRoutes.who(ctx), "removed list \"" + name + "\"", config -> {
            List<ListSourceConfig> next = new ArrayList<>(config.lists());
            if (!next.removeIf(l -> name.equals(l.name()))) {
                throw new AdminRefusal(404, "there is no list \"" + name + "\"");
            }
            return config.withLists(next);
        });
        ctx.status(204);
    }

    /**
     * {@code POST /api/lists/refresh}: fetches every remote source and rebuilds if one changed, on the
     * lists' own thread. 200 {updated, failed, rebuilt} when done within 30 s, else 202: look at
     * {@code GET /api/lists} again later.
     */
    private void refresh(Context ctx) throws InterruptedException, ExecutionException {
        if (lists == null) {
            throw new AdminRefusal(503, "the lists are not running in this server");
        }
        lastAttempt = clock.instant();
        try {
            ListRefresher.Result result = lists.refreshNow().get(REFRESH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ctx.json(Map.of("updated", result.updated(), "failed", result.failed(), "rebuilt", result.rebuilt()));
        } catch (TimeoutException e) {
            ctx.status(202).json(Map.of("state", "running"));
        }
    }

    /**
     * An http(s) URL, or a path in a subfolder of the config's folder: the page must not turn the box's other
     * files (the log, the config with its hashes) into "lists" whose parse errors quote their lines.
     * A hand edit of hearth.yml may still name any path: whoever edits the file has the box already.
     */
    static String source(String source) {
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return source;
        }
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(source).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new AdminRefusal(400, "source: not an http(s) URL or a file path");
        }
        // In a subfolder: the config folder's own files (hearth.yml, its .bak, hearth.db when the data
        // folder is the same) are at its top level.
        if (source.isEmpty() || path.isAbsolute() || path.startsWith("..") || path.getNameCount() < 2
                || source.contains("\\")) {
            throw new AdminRefusal(400, "source: an http(s) URL, or a path in a subfolder of the config's"
                    + " folder (like lists/extra.txt)");
        }
        return source;
    }

    private ConfigEditor editor() {
        if (editor == null) {
            throw new AdminRefusal(503, "this server has no config file to change");
        }
        return editor;
    }
}
