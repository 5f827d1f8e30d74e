package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walks the running server's route table: every route declares exactly one role, and changes need ADMIN. */
class RouteTableTest {

    @TempDir
    Path dataDir;

    @Test
    void everyRouteDeclaresItsRoleAndEveryChangeNeedsAdmin() throws Exception {
        try (AdminServer server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dataDir,
                new AdminSources(new LogQueries(LogDatabase.inDataDir(dataDir, Clock.systemUTC())), List::of,
                        new Pauses(), Clock.systemUTC(), null, null, null, null, null),
                new AdminServer.Options(Duration.ofMinutes(30), Duration.ofHours(1), 5, Duration.ofMinutes(15), 1_000),
                new ManualTicker())) {
            List<String> routes = server.routeTable();

            assertThat(routes).hasSizeGreaterThanOrEqualTo(12);
            assertThat(routes).allSatisfy(route -> assertThat(route).as(route)
                    .matches("(GET|POST|PUT|PATCH|DELETE) /\\S+ \\[(OPEN|VIEWER|ADMIN)\\]"));
            assertThat(routes).filteredOn(route -> route.endsWith("[OPEN]")).containsExactlyInAnyOrder(
                    "GET /api/session [OPEN]", "POST /api/setup [OPEN]", "POST /api/login [OPEN]");
            // manage: every method but GET changes state, apart from two POSTs a viewer needs: signing
            // out, and "check a name" (a POST so the name stays out of URLs; it changes nothing).
            assertThat(routes).filteredOn(route -> !route.startsWith("GET") && !route.endsWith("[OPEN]"))
                    .allSatisfy(route -> assertThat(route.equals("POST /api/logout [VIEWER]")
                            || route.equals("POST /api/check [VIEWER]")
                            || route.endsWith("[ADMIN]")).as("%s changes state: ADMIN only", route).isTrue());
        }
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
