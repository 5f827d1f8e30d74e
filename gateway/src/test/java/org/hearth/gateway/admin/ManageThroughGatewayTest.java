package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.cli.ServeCommand;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.manage.AuditTrail;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.NsdServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config-editing API against a real gateway: a real NSD upstream, a list file, the admin server
 * on loopback, and {@code dig} from loopback source addresses (127.0.0.7 is the new tablet, 127.0.0.8
 * another device). Every change shows in the next answer without a restart.
 */
class ManageThroughGatewayTest {

    private static final String TABLET = "127.0.0.7";
    private static final String OTHER = "127.0.0.8";
    private static final String LISTED = "www.hearth.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private NsdServer nsd;
    private Gateway gateway;
    private AdminClient admin;
    private Path file;

    @BeforeEach
    void start() throws Exception {
        nsd = NsdServer.start(Files.createDirectories(dir.resolve("nsd")));
        Files.writeString(dir.resolve("gambling.txt"), "# test list\n" + LISTED + "\n");
        file = dir.resolve("hearth.yml");
        Files.writeString(file, """
                # the family's box
                dns:
                  listen: ["127.0.0.1:0"]
                upstreams: ["%s"]
                admin:
                  listen: ["127.0.0.1:0"]
                web: {listen: []}
                lists:
                  - {name: test-gambling, category: gambling, source: gambling.txt}
                profiles:
                  open: {preset: adult}
                  kids: {preset: adult}
                defaultProfile: open
                """.formatted(nsd.hostAndPort()));
        gateway = Gateway.start(ConfigLoader.load(file, ServeCommand.CHECKS));
        gateway.lists().ready().get(20, TimeUnit.SECONDS);
        admin = new AdminClient(gateway.adminAddresses().get(0));
        String code = Files.readString(dir.resolve(SetupCode.FILE_NAME)).strip();
        assertThat(admin.post("/api/setup", "{\"code\":\"" + code + "\",\"password\":\"a good password\"}")
                .statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    @Test
    void assignANewlySeenDeviceThenBlockACategoryForItsProfileWithoutRestart() throws Exception {
        assertThat(answer(TABLET)).as("nothing blocks it yet").isEqualTo("192.0.2.10");
        JsonNode seen = device("ip:" + TABLET);
        JsonNode before = JSON.readTree(admin.post("/api/check",
                "{\"name\":\"" + LISTED + "\",\"device\":\"ip:" + TABLET + "\"}").body());
        assertThat(before.get("verdict").asText()).isEqualTo("allowed");
        assertThat(before.get("profile").asText()).as("a new device follows the default").isEqualTo("open");
        assertThat(admin.post("/api/check", "{\"name\":\"not a name!\",\"device\":\"\"}").statusCode())
                .isEqualTo(400);
        assertThat(seen.get("configured").asBoolean()).isFalse();
        assertThat(seen.get("ip").asText()).isEqualTo(TABLET);

        HttpResponse<String> assigned = admin.post("/api/devices",
                "{\"name\":\"Dara's tablet\",\"match\":[\"" + TABLET + "\"],\"profile\":\"kids\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(201);
        JsonNode tablet = device("Dara's tablet");
        assertThat(tablet.get("configured").asBoolean()).isTrue();
        assertThat(tablet.get("profile").asText()).isEqualTo("kids");
        assertThat(devices()).as("no longer listed as new").noneMatch(d -> d.get("id").asText().equals("ip:" + TABLET));

        HttpResponse<String> edited = admin.send("PUT", "/api/profiles/kids",
                "{\"preset\":\"adult\",\"block\":[\"gambling\"],\"allow\":[\"homework.hearth.test\"]}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(edited.body()).contains("profiles.kids.block");

        assertThat(answer(TABLET)).as("blocked for the kids' profile at once").isEqualTo("0.0.0.0");
        assertThat(answer(OTHER)).as("the default profile still resolves it").isEqualTo("192.0.2.10");
        JsonNode check = JSON.readTree(admin.post("/api/check",
                "{\"name\":\"" + LISTED + "\",\"device\":\"Dara's tablet\"}").body());
        assertThat(check.get("verdict").asText()).isEqualTo("blocked");
        assertThat(check.get("category").asText()).isEqualTo("gambling");
        assertThat(check.get("profile").asText()).isEqualTo("kids");
        JsonNode kids = profile("kids");
        assertThat(kids.get("effective").get("blocked").toString()).contains("gambling", "malware");
        assertThat(kids.get("allow").toString()).contains("homework.hearth.test");

        List<AuditTrail.Entry> audit = gateway.editor().audit().recent(10, 0);
        assertThat(audit).extracting(AuditTrail.Entry::action)
                .containsExactly("changed profile kids", "added device Dara's tablet",
                        "first-run setup: created admin account \"admin\"");
        assertThat(audit.get(0).who()).isEqualTo("admin");

        // Back to the default profile: the device entry goes, and so does the block.
        assertThat(admin.send("DELETE", "/api/devices/Dara's%20tablet", "").statusCode()).isEqualTo(200);
        assertThat(answer(TABLET)).isEqualTo("192.0.2.10");
    }

    @Test
    void changedUpstreamsAnswerTheNextQuestionWithoutRestart() throws Exception {
        // Port 9 (discard) on loopback: nothing answers, so a name not in the cache fails.
        HttpResponse<String> away = admin.send("PUT", "/api/settings", "{\"upstreams\":[\"127.0.0.1:9\"]}");
        assertThat(away.statusCode()).as(away.body()).isEqualTo(200);
        assertThat(JSON.readTree(away.body()).get("restartNeeded")).isEmpty();
        Dig.Result failed = Dig.dig(gateway.dnsAddresses().get(0), "+tries=1", "+time=5", "mail.hearth.test", "A");
        assertThat(failed.output()).contains("status: SERVFAIL");

        HttpResponse<String> back = admin.send("PUT", "/api/settings",
                "{\"upstreams\":[\"" + nsd.hostAndPort() + "\"]}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        Dig.Result answered = Dig.dig(gateway.dnsAddresses().get(0), "+short", "+tries=1", "+time=5", "sip.hearth.test",
                "A");
        assertThat(answered.output().strip()).isEqualTo("192.0.2.50");
    }

    @Test
    void aBadEditIsRefusedWithItsProblemAndChangesNothing() throws Exception {
        String before = Files.readString(file);
        HttpResponse<String> refused = admin.send("PUT", "/api/profiles/kids",
                "{\"preset\":\"adult\",\"block\":[\"gambling\",\"no-such-category\"]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.get("problems")).singleElement().satisfies(problem -> assertThat(problem.asText())
                .startsWith("hearth.yml: profiles.kids.block").contains("no-such-category")
                .doesNotContainPattern("hearth\\.yml:\\d"));
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(gateway.editor().audit().recent(10, 0)).extracting(AuditTrail.Entry::action)
                .containsExactly("first-run setup: created admin account \"admin\"");

        assertThat(admin.post("/api/devices", "{\"name\":\"x\",\"match\":[\"not an address\"],\"profile\":\"kids\"}")
                .statusCode()).isEqualTo(400);
        assertThat(admin.post("/api/devices", "{\"name\":\"x\",\"match\":[\"" + TABLET + "\"],\"profile\":\"nobody\"}")
                .statusCode()).isEqualTo(400);
        assertThat(admin.send("DELETE", "/api/profiles/open", "").statusCode()).as("the default profile").isEqualTo(409);
        assertThat(admin.send("PUT", "/api/settings", "{\"logRetention\":0}").statusCode()).isEqualTo(400);
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void exportThenImportRoundTripsAndABadImportChangesNothing() throws Exception {
        HttpResponse<String> exported = admin.get("/api/config/export");
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.body()).isEqualTo(Files.readString(file)).contains("# the family's box");

        String blocking = exported.body().replace("kids: {preset: adult}", "kids: {preset: adult}\n"
                + "  blockAll: {preset: adult, block: [gambling]}").replace("defaultProfile: open",
                "defaultProfile: blockAll");
        HttpResponse<String> imported = admin.post("/api/config/import", JSON.writeValueAsString(Map.of("yaml", blocking)));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(Files.readString(file)).isEqualTo(blocking);
        assertThat(answer(OTHER)).as("the imported default profile is in force").isEqualTo("0.0.0.0");

        HttpResponse<String> bad = admin.post("/api/config/import",
                JSON.writeValueAsString(Map.of("yaml", blocking + "dns:\n  listen: [\"nowhere:99999\"]\n")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("problems");
        assertThat(Files.readString(file)).isEqualTo(blocking);

        assertThat(admin.post("/api/config/import", JSON.writeValueAsString(Map.of("yaml", exported.body())))
                .statusCode()).isEqualTo(200);
        assertThat(Files.readString(file)).as("the export, imported, is the file again").isEqualTo(exported.body());
        assertThat(answer(OTHER)).isEqualTo("192.0.2.10");
    }

    private String answer(String from) throws Exception {
        Dig.Result result = Dig.dig(gateway.dnsAddresses().get(0), "-b", from, "+short", "+tries=1", "+time=5",
                LISTED, "A");
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().strip();
    }

    private List<JsonNode> devices() throws Exception {
        HttpResponse<String> response = admin.get("/api/devices");
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> devices = new java.util.ArrayList<>();
        JSON.readTree(response.body()).get("devices").forEach(devices::add);
        return devices;
    }

    private JsonNode device(String id) throws Exception {
        return devices().stream().filter(d -> d.get("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no device " + id));
    }

    private JsonNode profile(String name) throws Exception {
        JsonNode profiles = JSON.readTree(admin.get("/api/profiles").body()).get("profiles");
        for (JsonNode profile : profiles) {
            if (profile.get("name").asText().equals(name)) {
                return profile;
            }
        }
        throw new AssertionError("no profile " + name);
    }

}
