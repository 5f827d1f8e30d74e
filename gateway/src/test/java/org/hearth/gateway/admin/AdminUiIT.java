package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hearth.gateway.config.LogConfig;
import org.hearth.gateway.log.BlockLog;
import org.hearth.gateway.log.BlockReason;
import org.hearth.gateway.log.BlockedLookup;
import org.hearth.gateway.log.LogDatabase;
import org.hearth.gateway.log.LogQueries;
import org.hearth.gateway.policy.Pauses;
import org.hearth.gateway.policy.SeenDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin page in a real browser (Debian's chromium and chromedriver, headless) against a real
 * admin server and SQLite log on loopback: first-run setup, the overview, the log, a pause, Khmer,
 * sign out and in. ManageUiIT drives the config-editing pages against a whole gateway.
 */
class AdminUiIT {

    /** A name no resolver would accept, written straight to the log: it must show as text, not as markup. */
    private static final String MARKUP_NAME = "<img src=x onerror=document.title='owned'>.example";
    /** More names a hostile website's DNS (or a device's DHCP host name) can put in front of the parent. */
    private static final List<String> HOSTILE_NAMES = List.of(
            "<script>document.title='owned2'</script>.example",
            "\"><svg onload=document.title='owned3'>.example",
            "javascript:document.title='owned4'//.example",
            "casino\u202Eelpmaxe.com",
            "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61));
    /** How the page shows the right-to-left override in the fourth: visibly, so it cannot reorder text. */
    private static final String RTL_SHOWN = "casino<U+202E>elpmaxe.com";

    @TempDir
    Path dataDir;
    private AdminServer server;
    private HeadlessChromium browser;
    private final Pauses pauses = new Pauses();

    @BeforeEach
    void start() throws Exception {
        // Real time: the page asks for "today" and "the last 30 days" by the browser's calendar.
        Instant now = Instant.now();
        Clock clock = Clock.systemDefaultZone();
        LogDatabase database = LogDatabase.inDataDir(dataDir, clock);
        try (BlockLog log = BlockLog.start(database, LogConfig.defaults(), clock)) {
            log.offer(new BlockedLookup(now.minusSeconds(60), "tablet", "Kid tablet", "192.168.1.23", "kids",
                    "casino.example", 1, List.of("gambling"), BlockReason.LIST, "ut1-gambling", "0.0.0.0"));
            log.offer(new BlockedLookup(now, "tablet", "Kid tablet", "192.168.1.23", "kids", MARKUP_NAME, 1,
                    List.of("adult"), BlockReason.LIST, "ut1-adult", "0.0.0.0"));
            for (int i = 0; i < HOSTILE_NAMES.size(); i++) {
                log.offer(new BlockedLookup(now.minusSeconds(10 + i), "tablet", "Kid tablet", "192.168.1.23", "kids",
                        HOSTILE_NAMES.get(i), 1, List.of("malware"), BlockReason.LIST, "hostile", "0.0.0.0"));
            }
            log.flush(Duration.ofSeconds(20));
        }
        List<SeenDevice> seen = List.of(new SeenDevice("mac:aa:bb:cc:dd:ee:ff", now, now, "192.168.1.77",
                "aa:bb:cc:dd:ee:ff", "visitor-phone"), new SeenDevice("mac:aa:bb:cc:dd:ee:01", now.minusSeconds(5),
                now.minusSeconds(5), "192.168.1.78", "aa:bb:cc:dd:ee:01", "<b>dhcp</b>\u202Ename"));
        server = AdminServer.start(List.of(new InetSocketAddress("127.0.0.1", 0)), dataDir,
                new AdminSources(new LogQueries(database), () -> seen, pauses, clock, null, null, null, null, null, null),
                new AdminServer.Options(Duration.ofMinutes(30), Duration.ofHours(1), 5, Duration.ofMinutes(15), 1_000),
                new ManualTicker());
        browser = new HeadlessChromium(dataDir, 1100, 1500);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void parentSetsThePasswordReadsTheLogInKhmerSignsOutAndBackIn() throws Exception {
        browser.driver.get("http://127.0.0.1:" + server.addresses().get(0).getPort() + "/");

        WebElement setup = browser.waitFor("#setup");
        browser.screenshot("setup-en");
        String code = Files.readString(dataDir.resolve(SetupCode.FILE_NAME)).strip();
        setup.findElement(By.name("code")).sendKeys(code);
        setup.findElement(By.name("password")).sendKeys("a good password");
        setup.findElement(By.name("repeat")).sendKeys("a good password");
        setup.findElement(By.cssSelector("button[type=submit]")).click();

        // The overview: today's categories from the log, the 30-day chart as SVG bars.
        browser.waitForText("#today-categories", "Gambling: 1");
        assertThat(browser.driver.findElement(By.id("today-categories")).getText()).contains("Adult content: 1");
        assertThat(browser.driver.findElements(By.cssSelector("#chart rect"))).hasSize(30);
        assertThat(browser.driver.findElement(By.id("setup")).isDisplayed()).as("setup is gone once done").isFalse();
        assertThat(browser.driver.findElement(By.id("login")).isDisplayed()).isFalse();

        browser.open("log");
        browser.waitForText("#entries", "casino.example");
        assertThat(browser.driver.findElement(By.id("entries")).getText()).contains("Kid tablet", "Gambling",
                MARKUP_NAME);
        assertThat(browser.driver.findElements(By.cssSelector("#entries img"))).as("log data is never markup").isEmpty();
        hostileNamesShowAsText();
        browser.screenshot("log-en");

        browser.open("devices");
        browser.waitForText("#new-devices", "visitor-phone");
        browser.waitForText("#new-devices", "<b>dhcp</b><U+202E>name");
        assertThat(browser.driver.findElements(By.cssSelector("#new-devices b"))).as("a host name is never markup")
                .isEmpty();
        WebElement tablet = browser.waitFor(".device[data-id='tablet']");
        new Select(tablet.findElement(By.name("minutes"))).selectByValue("30");
        tablet.findElement(By.name("pause")).click();
        browser.waitForText(".device[data-id='tablet'] .paused", "paused until");
        assertThat(pauses.until("tablet")).isAfter(Instant.now().plus(Duration.ofMinutes(29)));
        browser.driver.findElement(By.cssSelector(".device[data-id='tablet'] button[name=end-pause]")).click();
        browser.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".device[data-id='tablet'] .paused"),
                0));
        assertThat(pauses.until("tablet")).isNull();

        new Select(browser.driver.findElement(By.id("language"))).selectByValue("km");
        browser.waitForText("#devices h2", "ឧបករណ៍");
        assertThat(browser.driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("km");
        browser.open("log");
        browser.waitForText("#log h2", "ការស្វែងរកដែលត្រូវបានរារាំង");
        browser.screenshot("log-km");

        browser.driver.findElement(By.id("logout")).click();
        WebElement login = browser.waitFor("#login");
        assertThat(browser.driver.findElement(By.id("log")).isDisplayed()).isFalse();
        assertThat(browser.driver.findElement(By.id("setup")).isDisplayed()).isFalse();
        login.findElement(By.name("password")).sendKeys("wrong password");
        login.findElement(By.cssSelector("button[type=submit]")).click();
        // The page shows the server's refusal in the reader's language, from its code.
        browser.waitForText("#message", "ពាក្យសម្ងាត់មិនត្រឹមត្រូវ");

        login.findElement(By.name("password")).clear();
        login.findElement(By.name("password")).sendKeys("a good password");
        login.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitForText("#entries", "casino.example");
        assertThat(browser.driver.findElement(By.cssSelector("#log h2")).getText())
                .as("the language choice survives signing out").isEqualTo("ការស្វែងរកដែលត្រូវបានរារាំង");
    }

    /**
     * Every hostile name is in the log table as exactly its text (the right-to-left override made
     * visible), no element came out of one, no script ran (the title is the page's own), and the
     * 253-character name wraps inside its cell instead of widening the page.
     */
    private void hostileNamesShowAsText() {
        browser.waitForText("#entries", RTL_SHOWN);
        List<String> cells = browser.driver.findElements(By.cssSelector("#entries td")).stream()
                .map(cell -> cell.getDomProperty("textContent")).toList();
        assertThat(cells).contains(HOSTILE_NAMES.get(0), HOSTILE_NAMES.get(1), HOSTILE_NAMES.get(2), RTL_SHOWN,
                HOSTILE_NAMES.get(4), MARKUP_NAME);
        assertThat(cells).noneMatch(text -> text.contains("\u202E"));
        assertThat(browser.driver.findElements(By.cssSelector("#entries *")))
                .as("only the rows and cells the page made").allSatisfy(e -> assertThat(e.getTagName()).isIn("tr", "td"));
        assertThat(browser.driver.getTitle()).as("no name's script ran").isEqualTo("Hearth");
        Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("the long name wraps in its cell").isLessThanOrEqualTo(0L);
    }
}
