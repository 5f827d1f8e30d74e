package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.config.ConfigWriter;
import org.hearth.gateway.config.HearthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accounts in a real hearth.yml, over real HTTP: setup, sign-in by name, the users API, the audit of who did what. */
class UsersApiTest {

    @TempDir
    Path dir;

    @Test
    void setupWritesTheFirstAdminIntoHearthYmlAsAHashOnlyAndClosesTheFileToOthers() throws Exception {
        Files.writeString(dir.resolve("hearth.yml"), ConfigBackedAdmin.CONFIG);
        Files.setPosixFilePermissions(dir.resolve("hearth.yml"), PosixFilePermissions.fromString("rw-r--r--"));
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            assertThat(admin.browser().get("/api/session").body()).contains("\"setupNeeded\":true");
            AdminClient mum = admin.setUp("Mum", "a good password");

            String yaml = Files.readString(admin.file);
            assertThat(yaml).contains("name: Mum", "role: admin", "passwordHash: pbkdf2-sha256$1000$")
                    .doesNotContain("a good password");
            assertThat(ConfigLoader.load(admin.file).config().admin().users()).singleElement()
                    .satisfies(user -> assertThat(user.name()).isEqualTo("Mum"));
            assertThat(Files.getPosixFilePermissions(admin.file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
            assertThat(Files.exists(dir.resolve(SetupCode.FILE_NAME))).isFalse();
            assertThat(Files.exists(dir.resolve(AdminPassword.FILE_NAME))).as("no password file any more").isFalse();
            assertThat(mum.get("/api/session").body()).contains("\"user\":\"Mum\"", "\"role\":\"admin\"");
            assertThat(admin.browser().get("/api/session").body()).contains("\"setupNeeded\":false");
        }
    }

    @Test
    void signInTakesANameAndWithoutOneMeansAdmin() throws Exception {
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            admin.setUp(null, "a good password");
            AdminClient old = admin.browser();
            assertThat(old.post("/api/login", "{\"password\":\"a good password\"}").statusCode()).isEqualTo(200);
            assertThat(old.get("/api/session").body()).contains("\"user\":\"admin\"");
            assertThat(admin.signIn("ADMIN", "a good password").get("/api/session").body())
                    .as("names ignore case").contains("\"user\":\"admin\"");

            HttpResponse<String> unknown = admin.browser().post("/api/login",
                    "{\"name\":\"nobody\",\"password\":\"a good password\"}");
            HttpResponse<String> wrong = admin.browser().post("/api/login",
                    "{\"name\":\"admin\",\"password\":\"not the password\"}");
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(unknown.body()).as("an unknown name reads as a wrong password").isEqualTo(wrong.body());
        }
    }

    @Test
    void adminAddsAViewerWhoReadsButCannotChangeAndTheAuditSaysWhoDidWhat() throws Exception {
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            AdminClient mum = admin.setUp("Mum", "a good password");
            assertThat(mum.post("/api/users", "{\"name\":\"teacher\",\"role\":\"viewer\",\"password\":\"short\"}")
                    .statusCode()).isEqualTo(400);
            assertThat(mum.post("/api/users", "{\"name\":\"<b>x</b>\",\"role\":\"viewer\",\"password\":\"long enough\"}")
                    .statusCode()).isEqualTo(400);
            assertThat(mum.post("/api/users", "{\"name\":\"teacher\",\"role\":\"root\",\"password\":\"long enough\"}")
                    .statusCode()).isEqualTo(400);
            HttpResponse<String> added = mum.post("/api/users",
                    "{\"name\":\"teacher\",\"role\":\"viewer\",\"password\":\"teacher pass\"}");
            assertThat(added.statusCode()).isEqualTo(201);
            assertThat(mum.post("/api/users", "{\"name\":\"Teacher\",\"role\":\"admin\",\"password\":\"long enough\"}")
                    .statusCode()).as("names are unique ignoring case").isEqualTo(409);

            HttpResponse<String> list = mum.get("/api/users");
            assertThat(list.body()).isEqualTo("{\"users\":[{\"name\":\"Mum\",\"role\":\"admin\"},"
                    + "{\"name\":\"teacher\",\"role\":\"viewer\"}]}");

            AdminClient teacher = admin.signIn("teacher", "teacher pass");
            assertThat(teacher.get("/api/blocked").statusCode()).isEqualTo(200);
            assertThat(teacher.get("/api/users").statusCode()).isEqualTo(403);
            assertThat(teacher.get("/api/audit").statusCode()).isEqualTo(403);
            assertThat(teacher.post("/api/users", "{\"name\":\"kid\",\"role\":\"admin\",\"password\":\"i am admin now\"}")
                    .statusCode()).isEqualTo(403);
            assertThat(teacher.post("/api/users/Mum/password", "{\"password\":\"taken over!\"}").statusCode())
                    .isEqualTo(403);

            HttpResponse<String> audit = mum.get("/api/audit");
            assertThat(audit.statusCode()).isEqualTo(200);
            assertThat(audit.body()).contains("\"who\":\"Mum\"", "added user \\\"teacher\\\" (viewer)",
                    "first-run setup: created admin account \\\"Mum\\\"").doesNotContain("pbkdf2");
            assertThat(mum.get("/api/audit?limit=1").body()).contains("\"next\":");
            assertThat(mum.get("/api/audit?limit=0").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theLastAdminCannotBeDeletedButAnotherAccountCanAndIsSignedOut() throws Exception {
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            AdminClient mum = admin.setUp("Mum", "a good password");
            assertThat(ConfigBackedAdmin.delete(mum, "/api/users/Mum").statusCode()).isEqualTo(409);
            assertThat(ConfigBackedAdmin.delete(mum, "/api/users/nobody").statusCode()).isEqualTo(404);

            mum.post("/api/users", "{\"name\":\"dad\",\"role\":\"admin\",\"password\":\"dad password\"}");
            AdminClient dad = admin.signIn("dad", "dad password");
            assertThat(ConfigBackedAdmin.delete(dad, "/api/users/Mum").statusCode()).isEqualTo(204);
            assertThat(mum.get("/api/blocked").statusCode()).as("the deleted account's browser").isEqualTo(401);
            assertThat(ConfigBackedAdmin.delete(dad, "/api/users/dad").statusCode()).as("now the last admin")
                    .isEqualTo(409);
            assertThat(Files.readString(admin.file)).doesNotContain("Mum");
            assertThat(dad.get("/api/audit").body()).contains("\"who\":\"dad\"", "deleted user \\\"Mum\\\"");
        }
    }

    @Test
    void aUserChangesTheirOwnPasswordWithTheCurrentOneAndAnAdminResetsAnothers() throws Exception {
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            AdminClient mum = admin.setUp("Mum", "a good password");
            mum.post("/api/users", "{\"name\":\"teacher\",\"role\":\"viewer\",\"password\":\"teacher pass\"}");
            AdminClient teacher = admin.signIn("teacher", "teacher pass");
            AdminClient teacherElsewhere = admin.signIn("teacher", "teacher pass");

            assertThat(teacher.post("/api/users/teacher/password", "{\"password\":\"new teacher pass\"}").statusCode())
                    .as("one's own password needs the current one").isEqualTo(403);
            HttpResponse<String> changed = teacher.post("/api/users/teacher/password",
                    "{\"password\":\"new teacher pass\",\"current\":\"teacher pass\"}");
            assertThat(changed.statusCode()).isEqualTo(200);
            assertThat(teacher.get("/api/blocked").statusCode()).as("this browser stays signed in").isEqualTo(200);
            assertThat(teacherElsewhere.get("/api/blocked").statusCode()).as("other browsers are out").isEqualTo(401);
            assertThat(admin.browser().post("/api/login", "{\"name\":\"teacher\",\"password\":\"teacher pass\"}")
                    .statusCode()).isEqualTo(401);
            admin.signIn("teacher", "new teacher pass");

            assertThat(mum.post("/api/users/teacher/password", "{\"password\":\"reset by mum\"}").statusCode())
                    .isEqualTo(200);
            assertThat(teacher.get("/api/blocked").statusCode()).isEqualTo(401);
            admin.signIn("teacher", "reset by mum");
            assertThat(mum.post("/api/users/ghost/password", "{\"password\":\"reset by mum\"}").statusCode())
                    .isEqualTo(404);

            assertThat(mum.post("/api/password", "{\"current\":\"a good password\",\"next\":\"mum's new one\"}")
                    .statusCode()).isEqualTo(200);
            admin.signIn("Mum", "mum's new one");
            assertThat(mum.get("/api/audit").body()).contains("changed the password of \\\"teacher\\\"")
                    .doesNotContain("reset by mum");
        }
    }

    @Test
    void aHandEditOfTheAccountsCountsAtTheNextSignIn() throws Exception {
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            AdminClient mum = admin.setUp("Mum", "a good password");
            mum.post("/api/users", "{\"name\":\"teacher\",\"role\":\"viewer\",\"password\":\"teacher pass\"}");
            AdminClient teacher = admin.signIn("teacher", "teacher pass");
            assertThat(teacher.get("/api/blocked").statusCode()).isEqualTo(200);

            HearthConfig config = ConfigLoader.load(admin.file).config();
            Files.writeString(admin.file, ConfigWriter.toYaml(config.withAdmin(config.admin().withUsers(
                    config.admin().users().stream().filter(u -> !u.name().equals("teacher")).toList()))));

            assertThat(admin.browser().post("/api/login", "{\"name\":\"teacher\",\"password\":\"teacher pass\"}")
                    .statusCode()).isEqualTo(401);
            assertThat(teacher.get("/api/blocked").statusCode()).as("signed in before the edit").isEqualTo(401);
            assertThat(mum.get("/api/users").body()).doesNotContain("teacher");
        }
    }

    @Test
    void anUpgradedBoxMovesItsPasswordFileIntoHearthYmlOnce() throws Exception {
        AdminPassword old = AdminPassword.load(dir, 1_000, new SecureRandom());
        old.set("the old password".toCharArray());
        try (ConfigBackedAdmin admin = new ConfigBackedAdmin(dir)) {
            assertThat(Files.exists(dir.resolve(AdminPassword.FILE_NAME))).isFalse();
            assertThat(Files.exists(dir.resolve(SetupCode.FILE_NAME))).as("no setup: the admin exists").isFalse();
            assertThat(Files.readString(admin.file)).contains("name: admin", "role: admin");
            AdminClient browser = admin.browser();
            assertThat(browser.post("/api/login", "{\"password\":\"the old password\"}").statusCode()).isEqualTo(200);
            assertThat(browser.get("/api/audit").body()).contains("\"who\":\"" + ConfigUsers.MIGRATION + "\"");
        }
    }

    @Test
    void aHandEditedAccountWithABadHashOrRoleIsRefusedByTheChecks() throws Exception {
        Files.writeString(dir.resolve("hearth.yml"), ConfigBackedAdmin.CONFIG + """
                  users:
                    - name: mum
                      role: owner
                      passwordHash: hunter2
                """);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> ConfigLoader.load(dir.resolve("hearth.yml")), org.hearth.gateway.config.ConfigException.class)
                .problems()).anySatisfy(p -> assertThat(p).contains("admin.users[0].role"))
                .anySatisfy(p -> assertThat(p).contains("admin.users[0].passwordHash"))
                .allSatisfy(p -> assertThat(p).doesNotContain("hunter2"));
    }
}
