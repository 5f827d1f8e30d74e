package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static web UI: served as the right types, and every text it shows exists in English and Khmer. */
class AdminUiTest {

    /** Every script of the page: the shell, the shared helpers and one module per page. */
    private static final List<String> SCRIPTS = List.of("app.js", "core.js", "pages/dashboard.js",
            "pages/devices.js", "pages/profiles.js", "pages/check.js", "pages/log.js", "pages/requests.js",
            "pages/lists.js", "pages/settings.js", "pages/users.js", "pages/audit.js");

    @TempDir
    Path dataDir;

    @Test
    void pageScriptAndTranslationsAreServedWithTheirTypes() throws Exception {
        AdminServer.Options options = new AdminServer.Options(Duration.ofMinutes(30), Duration.ofHours(1), 5,
                Duration.ofMinutes(15), 1_000);
        try (AdminServer server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dataDir,
                new AdminSources(new LogQueries(LogDatabase.inDataDir(dataDir, Clock.systemUTC())), List::of,
                        new Pauses(), Clock.systemUTC(), null, null, null, null, null, null), options,
                new ManualTicker())) {
            AdminClient browser = new AdminClient(server.addresses().get(0));

            HttpResponse<String> page = browser.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/app.js\">");
            assertThat(browser.get("/app.js").headers().firstValue("Content-Type").orElseThrow())
                    .contains("javascript");
            HttpResponse<String> khmer = browser.get("/km.json");
            assertThat(khmer.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
            assertThat(khmer.body()).contains("ពាក្យសម្ងាត់");
        }
    }

    @Test
    void everyTextThePageNamesExistsInEnglishAndKhmer() throws Exception {
        Map<String, String> english = strings("en.json");
        Map<String, String> khmer = strings("km.json");
        Set<String> used = new TreeSet<>();
        Matcher matcher = Pattern.compile("data-i18n=\"([^\"]+)\"").matcher(resource("index.html"));
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        // manage: each page is a module in pages/; a text is t('key') or a field('key') label there.
        for (String script : SCRIPTS) {
            Matcher inScript = Pattern.compile("\\bt\\('([^']+)'\\)|field\\('([^']+)'").matcher(resource(script));
            while (inScript.find()) {
                used.add(inScript.group(1) != null ? inScript.group(1) : inScript.group(2));
            }
        }
        // Keys the pages build from data: a category's name and meaning, a decision's verdict and reason.
        for (String category : org.hearth.blocklists.CategoryCatalog.BUILT_IN_IDS) {
            used.add("cat." + category);
            used.add("cat." + category + ".about");
        }
        for (org.hearth.gateway.policy.Reason.Kind kind : org.hearth.gateway.policy.Reason.Kind.values()) {
            used.add("reason." + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        for (org.hearth.gateway.policy.Preset preset : org.hearth.gateway.policy.Preset.values()) {
            used.add("preset." + preset.key());
        }
        used.addAll(List.of("verdict.allowed", "verdict.blocked", "verdict.rewritten"));

        for (String code : AdminRefusal.CODES) {
            used.add("error." + code);
        }

        assertThat(used).hasSizeGreaterThan(150);
        assertThat(english.keySet()).containsAll(used);
        assertThat(khmer.keySet()).isEqualTo(english.keySet());
        assertThat(khmer.values()).allSatisfy(text -> assertThat(text).isNotBlank());
    }

    @Test
    void theShellImportsEveryPageModule() throws Exception {
        String app = resource("app.js");
        for (String script : SCRIPTS) {
            if (script.startsWith("pages/")) {
                assertThat(app).contains("from './" + script + "'");
            }
        }
    }

    @Test
    void scriptNeverWritesHtmlFromData() throws Exception {
        // The log holds names any device on the network can make up: they must never become markup.
        for (String script : SCRIPTS) {
            assertThat(resource(script)).as(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                    "document.write", "eval(", "new Function");
        }
    }

    private static Map<String, String> strings(String file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, String> map = new ObjectMapper().readValue(resource(file), Map.class);
        return map;
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = AdminUiTest.class.getResourceAsStream("/admin-ui/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
