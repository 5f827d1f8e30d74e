package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.LoadedConfig;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AdminServer#startFor}: what the gateway's wiring calls, from hearth.yml's admin section. */
class AdminServerWiringTest {

    /** Nothing to read or change: these tests are about where the server listens. */
    private static final AdminSources NO_SOURCES = new AdminSources(
            new LogQueries(LogDatabase.inDataDir(Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC())), List::of, new Pauses(), Clock.systemUTC(),
            null, null, null, null, null, null);

    @TempDir
    Path dir;

    private LoadedConfig config(String adminListen) throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, "admin:\n  listen: [\"" + adminListen + "\"]\n");
        return ConfigLoader.load(file);
    }

    @Test
    void startsOnTheConfiguredAddressWithTheSetupCodeInTheDataFolder() throws Exception {
        Optional<AdminServer> started = AdminServer.startFor(config("127.0.0.1:0"), NO_SOURCES);

        assertThat(started).isPresent();
        try (AdminServer server = started.get()) {
            assertThat(server.addresses()).hasSize(1);
            assertThat(server.addresses().get(0).getPort()).isPositive();
            assertThat(Files.readString(dir.resolve(SetupCode.FILE_NAME)).strip()).hasSize(12);
            assertThat(new AdminClient(server.addresses().get(0)).get("/api/session").body())
                    .contains("\"setupNeeded\":true");
        }
    }

    @Test
    void everyListenAddressAnswers() throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file,
                "admin:\n  listen: [\"127.0.0.1:0\", \"127.0.0.2:0\", \"127.0.0.3:0\", \"127.0.0.4:0\"]\n");

        try (AdminServer server = AdminServer.startFor(ConfigLoader.load(file), NO_SOURCES).orElseThrow()) {
            assertThat(server.addresses()).extracting(a -> a.getAddress().getHostAddress())
                    .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4");
            for (var address : server.addresses()) {
                assertThat(new AdminClient(address).get("/api/session").statusCode()).as(address.toString())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void emptyListenMeansNoAdminPageAndNoSetupCode() throws Exception {
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, "admin:\n  listen: []\n");

        assertThat(AdminServer.startFor(ConfigLoader.load(file), NO_SOURCES)).isEmpty();
        assertThat(dir.resolve(SetupCode.FILE_NAME)).doesNotExist();
    }

    @Test
    void portInUseIsLoggedAndGivesNoServerInsteadOfFailing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Optional<AdminServer> started = AdminServer.startFor(config("127.0.0.1:" + taken.getLocalPort()), NO_SOURCES);

            assertThat(started).isEmpty();
        }
    }
}
