package org.hearth.gateway.admin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;

/**
 * The whole config as a file: export (a backup, or to paste into a help request) and import (a
 * backup back, or a config written elsewhere), checked like any edit.
 */
final class ConfigRoutes {

    /** Far above any household's or school's config; keeps one request from holding megabytes. */
    static final int MAX_IMPORT = 512 * 1024;

    private final ConfigEdits edits;

    record Import(String yaml) {}

    ConfigRoutes(ConfigEdits edits) {
        this.edits = edits;
    }

    void register(Javalin app) {
        app.get("/api/config/export", this::export, AdminRole.ADMIN);
        app.post("/api/config/import", this::importYaml, AdminRole.ADMIN);
    }

    /** {@code GET /api/config/export}: hearth.yml as it is on disk, comments and all. */
    private void export(Context ctx) throws IOException {
        ctx.header("Content-Disposition", "attachment; filename=\"hearth.yml\"");
        ctx.contentType("application/yaml; charset=utf-8").result(edits.text());
    }

    /**
     * {@code POST /api/config/import {"yaml": TEXT}}: replaces hearth.yml when the text passes every
     * check; 400 with each problem and its line otherwise, and nothing changes. JSON only: like every
     * change, a plain-text body is refused (415) so no other site's form can send one.
     */
    private void importYaml(Context ctx) throws IOException {
        if (ctx.body().length() > MAX_IMPORT) {
            throw new AdminRefusal(413, "the config is over " + MAX_IMPORT / 1024 + " KiB");
        }
        Import request = edits.body(ctx, Import.class);
        if (request.yaml() == null) {
            throw new AdminRefusal(400, "yaml: give the config's text");
        }
        ConfigEdits.answer(ctx, edits.replace(ctx, request.yaml()));
    }
}
