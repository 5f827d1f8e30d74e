package org.hearth.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.cli.ServeCommand;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.testsupport.Dig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The child's side in a real browser (Debian's chromium and chromedriver, headless) against the real
 * gateway: a blocked site opens the block page, its link leads to the "why" page at the box's name,
 * the child asks with a message, sees the parent's answer, and switches to Khmer. The browser
 * resolves casino.example and hearth.lan to loopback (as the gateway's blockpage answer and box
 * name would), and connects from 127.0.0.1, which the config names as the child's laptop.
 */
class ChildPagesUiIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private Gateway gateway;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        assertThat(CHROMIUM).as("install Debian's chromium and chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("install Debian's chromium and chromium-driver").exists();
        Files.writeString(dir.resolve("gambling.txt"), "casino.example\n");
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, """
                dns: {listen: ["127.0.0.1:0"]}
                admin: {listen: []}
                web:
                  listen: ["127.0.0.1:0"]
                  helpline: {name: "Child Helpline 1280", url: "https://helpline.example/"}
                upstreams: ["127.0.0.1:9"]
                lists:
                  - {name: ut1-gambling, category: gambling, source: gambling.txt}
                identity: {arpFile: "", ipv6Neighbours: "", seenFile: ""}
                blocking: {mode: blockpage}
                profiles:
                  kids: {preset: child, block: [gambling]}
                devices:
                  - {name: Kid laptop, match: ["127.0.0.1"], profile: kids}
                defaultProfile: kids
                """);
        // Real time: the browser shows times as they are.
        gateway = Gateway.start(ConfigLoader.load(file, ServeCommand.CHECKS), Ticker.systemTicker(),
                Clock.systemDefaultZone());
        gateway.lists().ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Path profile = Files.createDirectories(dir.resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile, "--lang=en-US", "--window-size=420,900",
                        // What the gateway's DNS would answer on a real network, without touching this machine's.
                        "--host-resolver-rules=MAP casino.example 127.0.0.1, MAP hearth.lan 127.0.0.1",
                        "--disable-features=HttpsUpgrades");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void childOpensABlockedSiteReadsWhyAsksAndSeesTheAnswerInEnglishAndKhmer() throws Exception {
        Dig.Result blocked = Dig.dig(gateway.dnsAddresses().get(0), "-b", "127.0.0.1", "+short", "casino.example.", "A");
        assertThat(blocked.output().strip()).as("blockpage: the box's own address").isEqualTo("127.0.0.1");
        gateway.blockLog().flush(WAIT);
        int port = gateway.webAddresses().get(0).getPort();

        browser.get("http://casino.example:" + port + "/roulette");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("why")));
        assertThat(browser.findElement(By.id("site")).getText()).isEqualTo("You tried to open: casino.example");
        assertThat(browser.findElement(By.id("why")).getText()).contains("betting and gambling");
        assertThat(browser.findElement(By.id("helpline")).getAttribute("href")).isEqualTo("https://helpline.example/");
        screenshot("child-block-page-en");

        browser.findElement(By.id("why-link")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ask-form")));
        assertThat(browser.getCurrentUrl()).startsWith("http://hearth.lan:" + port + "/");
        assertThat(browser.findElement(By.id("device")).getText()).isEqualTo("This device: Kid laptop");
        assertThat(browser.findElement(By.id("blocked")).getText()).contains("casino.example", "betting and gambling");
        WebElement form = browser.findElement(By.id("ask-form"));
        assertThat(form.findElement(By.name("site")).getAttribute("value")).isEqualTo("casino.example");
        screenshot("child-why-en");

        form.findElement(By.name("message")).sendKeys("We play a maths game there at school");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(browser.findElement(By.id("notice")).getText())
                .isEqualTo("Your request for casino.example was sent. A parent or teacher will look at it.");
        assertThat(browser.findElement(By.id("requests")).getText()).contains("casino.example: Waiting for an answer");
        screenshot("child-asked-en");
        UnblockRequest request = gateway.requests().list(true, 10).get(0);
        assertThat(request.message()).isEqualTo("We play a maths game there at school");
        assertThat(request.deviceName()).isEqualTo("Kid laptop");

        gateway.requests().decline(request.id(), "Let's look at it together tonight.", "admin");
        browser.get("http://hearth.lan:" + port + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("requests"),
                "Answer: Let's look at it together tonight."));
        screenshot("child-answer-en");

        browser.findElement(By.id("language")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"),
                "អ្វីដែលត្រូវបានរារាំងនៅលើឧបករណ៍នេះ"));
        assertThat(browser.findElement(By.id("blocked")).getText()).contains("ការភ្នាល់ និងល្បែងស៊ីសង");
        screenshot("child-why-km");
        browser.get("http://casino.example:" + port + "/?lang=km");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "គេហទំព័រនេះត្រូវបានរារាំង"));
        screenshot("child-block-page-km");
    }

    /** For a person to look at: gateway/target/screenshots/NAME.png (Khmer needs a Khmer font installed). */
    private void screenshot(String name) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
