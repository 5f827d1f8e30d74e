package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin page in a real browser (Debian's chromium and chromedriver, headless) against a real
 * admin server and SQLite log on loopback: first-run setup, the log, a pause, Khmer, sign out and in.
 */
class AdminUiIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
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
    private WebDriver browser;
    private WebDriverWait wait;
    private final Pauses pauses = new Pauses();

    @BeforeEach
    void start() throws Exception {
        assertThat(CHROMIUM).as("install Debian's chromium and chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("install Debian's chromium and chromium-driver").exists();
        // Real time: the page asks for "the last 7 days" by the browser's calendar, in this machine's zone.
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
                new AdminSources(new LogQueries(database), () -> seen, pauses, clock),
                new AdminServer.Options(Duration.ofMinutes(30), Duration.ofHours(1), 5, Duration.ofMinutes(15), 1_000),
                new ManualTicker());

        // A fresh profile and nothing that reaches out to the internet: the test talks to loopback only.
        Path profile = Files.createDirectories(dataDir.resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile, "--lang=en-US", "--window-size=1100,1500");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** For a person to look at: gateway/target/screenshots/NAME.png (Khmer needs a Khmer font installed). */
    private void screenshot(String name) throws java.io.IOException {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(folder.resolve(name + ".png"),
                ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /**
     * Every hostile name is in the table as exactly its text (the right-to-left override made
     * visible), no element came out of one, no script ran (the title is the page's own), and the
     * 253-character name wraps inside its cell instead of widening the page.
     */
    private void hostileNamesShowAsText() {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("entries"), RTL_SHOWN));
        List<String> cells = browser.findElements(By.cssSelector("#entries td")).stream()
                .map(cell -> cell.getDomProperty("textContent")).toList();
        assertThat(cells).contains(HOSTILE_NAMES.get(0), HOSTILE_NAMES.get(1), HOSTILE_NAMES.get(2), RTL_SHOWN,
                HOSTILE_NAMES.get(4), MARKUP_NAME);
        assertThat(cells).noneMatch(text -> text.contains("\u202E"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("unknown"), "<b>dhcp</b><U+202E>name"));
        assertThat(browser.findElements(By.cssSelector("#entries *, #unknown *")))
                .as("only the rows and cells the page made").allSatisfy(e -> assertThat(e.getTagName()).isIn("tr", "td"));
        assertThat(browser.getTitle()).as("no name's script ran").isEqualTo("Hearth");
        Long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).as("the long name wraps in its cell").isLessThanOrEqualTo(0L);
    }

    @Test
    void parentSetsThePasswordReadsTheLogInKhmerSignsOutAndBackIn() throws Exception {
        browser.get("http://127.0.0.1:" + server.addresses().get(0).getPort() + "/");

        WebElement setup = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("setup")));
        screenshot("setup-en");
        String code = Files.readString(dataDir.resolve(SetupCode.FILE_NAME)).strip();
        setup.findElement(By.name("code")).sendKeys(code);
        setup.findElement(By.name("password")).sendKeys("a good password");
        setup.findElement(By.name("repeat")).sendKeys("a good password");
        setup.findElement(By.cssSelector("button[type=submit]")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("entries"), "casino.example"));
        assertThat(browser.findElement(By.id("entries")).getText()).contains("Kid tablet", "gambling", MARKUP_NAME);
        assertThat(browser.findElements(By.cssSelector("#entries img"))).as("log data is never markup").isEmpty();
        hostileNamesShowAsText();
        assertThat(browser.getTitle()).isEqualTo("Hearth");
        assertThat(browser.findElement(By.id("setup")).isDisplayed()).as("setup is gone once done").isFalse();
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("unknown"), "visitor-phone"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("top-categories"), "gambling: 1"));
        assertThat(browser.findElement(By.id("top-categories")).getText()).contains("adult: 1");
        assertThat(browser.findElements(By.cssSelector("#days li"))).hasSize(7);

        screenshot("log-en");
        WebElement pause = browser.findElement(By.id("pause"));
        pause.findElement(By.name("device")).sendKeys("tablet");
        new Select(pause.findElement(By.name("minutes"))).selectByValue("30");
        pause.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pauses"), "tablet: paused until"));
        assertThat(pauses.until("tablet")).isAfter(Instant.now().plus(Duration.ofMinutes(29)));
        browser.findElement(By.cssSelector("#pauses button")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pauses li"), 0));
        assertThat(pauses.until("tablet")).isNull();

        new Select(browser.findElement(By.id("language"))).selectByValue("km");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#log h2"),
                "ការស្វែងរកដែលត្រូវបានរារាំង"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("km");
        screenshot("log-km");

        browser.findElement(By.id("logout")).click();
        WebElement login = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(browser.findElement(By.id("log")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("setup")).isDisplayed()).isFalse();
        login.findElement(By.name("password")).sendKeys("wrong password");
        login.findElement(By.cssSelector("button[type=submit]")).click();
        // The page shows the server's refusal in the reader's language, from its code.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "ពាក្យសម្ងាត់មិនត្រឹមត្រូវ"));

        login.findElement(By.name("password")).clear();
        login.findElement(By.name("password")).sendKeys("a good password");
        login.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("entries"), "casino.example"));
        assertThat(browser.findElement(By.cssSelector("#log h2")).getText())
                .as("the language choice survives signing out").isEqualTo("ការស្វែងរកដែលត្រូវបានរារាំង");
    }
}
