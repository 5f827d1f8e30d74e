package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks the running server's route table: every route declares exactly one role, changes need
 * ADMIN (but for a named few that touch only the caller's own session or account, or only read),
 * and a real request to each route proves the role holds: signed out, 401; as a viewer, 403 on
 * every ADMIN route and never on a VIEWER one.
 */
class RouteTableTest {

    /** State-changing methods a viewer may use: their own session and password, and the read-only "check a name". */
    static final Set<String> VIEWER_CHANGES = Set.of("POST /api/logout", "POST /api/password",
            "POST /api/users/{name}/password", "POST /api/check");
    static final Set<String> OPEN = Set.of("GET /api/session", "POST /api/setup", "POST /api/login",
            "GET /api/health", "GET /api/openapi.json");

    @TempDir
    Path dir;

    @Test
    void everyRouteDeclaresItsRoleAndEveryChangeNeedsAdmin() throws Exception {
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            List<String> routes = admin.server.routeTable();

            assertThat(routes).hasSizeGreaterThanOrEqualTo(25);
            assertThat(routes).allSatisfy(route -> assertThat(route).as(route)
                    .matches("(GET|POST|PUT|PATCH|DELETE) /\\S+ \\[(OPEN|VIEWER|ADMIN)\\]"));
            assertThat(routes).filteredOn(route -> route.endsWith("[OPEN]"))
                    .allSatisfy(route -> assertThat(OPEN).as("a new OPEN route: %s", route).contains(route(route)));
            assertThat(routes).filteredOn(route -> !route.startsWith("GET") && !route.endsWith("[OPEN]"))
                    .allSatisfy(route -> assertThat(VIEWER_CHANGES.contains(route(route)) || route.endsWith("[ADMIN]"))
                            .as("%s changes state: ADMIN only", route).isTrue());
        }
    }

    @Test
    void aViewerGets403OnEveryAdminRouteAndASignedOutBrowser401OnEveryOtherButOpen() throws Exception {
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            AdminClient root = admin.setUp(null, "a good password");
            assertThat(root.post("/api/users", "{\"name\":\"teacher\",\"role\":\"viewer\",\"password\":\"another pass\"}")
                    .statusCode()).isEqualTo(201);
            AdminClient viewer = admin.signIn("teacher", "another pass");
            AdminClient nobody = admin.browser();

            List<String> routes = admin.server.routeTable();
            for (String route : routes) {
                String method = route.substring(0, route.indexOf(' '));
                String path = route.substring(method.length() + 1, route.lastIndexOf(' ')).replaceAll("\\{[^}]+}",
                        "someone");
                if (route.endsWith("[OPEN]") || path.equals("/api/logout")) {
                    continue;
                }
                assertThat(send(nobody, method, path).statusCode()).as("signed out: %s", route).isEqualTo(401);
                HttpResponse<String> asViewer = send(viewer, method, path);
                if (route.endsWith("[ADMIN]")) {
                    assertThat(asViewer.statusCode()).as("viewer: %s", route).isEqualTo(403);
                    assertThat(asViewer.body()).contains("not-allowed");
                } else {
                    assertThat(asViewer.statusCode()).as("viewer: %s %s", route, asViewer.body()).isNotIn(401, 500);
                    assertThat(asViewer.body()).as(route).doesNotContain("your account may not do that");
                }
            }
            assertThat(viewer.get("/api/session").body()).contains("\"user\":\"teacher\"", "\"role\":\"viewer\"");
        }
    }

    private static HttpResponse<String> send(AdminClient browser, String method, String path) throws Exception {
        HttpRequest.Builder request = browser.request(path);
        if (method.equals("GET")) {
            request.GET();
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json");
            if (browser.csrf != null) {
                request.header(AdminAccess.CSRF_HEADER, browser.csrf);
            }
        }
        return browser.send(request.build());
    }

    private static String route(String route) {
        return route.substring(0, route.lastIndexOf(' '));
    }

    @Test
    void viewerMayReadButNotChangeAndAdminMayDoBoth() {
        assertThat(AdminRole.VIEWER.allows(AdminRole.VIEWER)).isTrue();
        assertThat(AdminRole.VIEWER.allows(AdminRole.ADMIN)).isFalse();
        assertThat(AdminRole.ADMIN.allows(AdminRole.VIEWER)).isTrue();
        assertThat(AdminRole.ADMIN.allows(AdminRole.ADMIN)).isTrue();
        assertThat(AdminRole.VIEWER.allows(AdminRole.OPEN)).isTrue();
    }
}
