package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.hearth.gateway.app.Gateway;
import org.hearth.gateway.cli.ServeCommand;
import org.hearth.gateway.config.ConfigLoader;
import org.hearth.gateway.testsupport.Dig;
import org.hearth.gateway.testsupport.NsdServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A parent manages a whole running gateway from a phone-sized headless chromium: first-run password,
 * a newly seen device (a {@code dig} from 127.0.0.9) assigned to a profile, a category switched on in
 * the profile editor, and the next {@code dig} from that device is blocked and shows in the log;
 * then Khmer. A screenshot of every page goes to gateway/target/screenshots/.
 */
class ManageUiIT {

    private static final String TABLET = "127.0.0.9";
    private static final String LISTED = "www.hearth.test";

    @TempDir
    Path dir;
    private NsdServer nsd;
    private Gateway gateway;
    private HeadlessChromium browser;

    @BeforeEach
    void start() throws Exception {
        nsd = NsdServer.start(Files.createDirectories(dir.resolve("nsd")));
        Files.writeString(dir.resolve("gambling.txt"), LISTED + "\n");
        Path file = dir.resolve("hearth.yml");
        Files.writeString(file, """
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
        browser = new HeadlessChromium(dir, 412, 1600); // a phone's width
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (nsd != null) {
            nsd.close();
        }
    }

    @Test
    void parentAssignsANewDeviceSwitchesOnACategoryAndSeesTheBlockInTheLog() throws Exception {
        assertThat(answer()).as("the tablet is new and nothing blocks it").isEqualTo("192.0.2.10");

        browser.driver.get("http://127.0.0.1:" + gateway.adminAddresses().get(0).getPort() + "/");
        WebElement setup = browser.waitFor("#setup");
        setup.findElement(By.name("code")).sendKeys(Files.readString(dir.resolve(SetupCode.FILE_NAME)).strip());
        setup.findElement(By.name("password")).sendKeys("a good password");
        setup.findElement(By.name("repeat")).sendKeys("a good password");
        setup.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitFor("#chart");
        browser.screenshot("dashboard-en");

        // The tablet asked a name: it is listed as new; the parent names it and gives it the kids' profile.
        browser.open("devices");
        WebElement seen = browser.waitFor(".device.new[data-id='ip:" + TABLET + "']");
        browser.screenshot("devices-new-en");
        seen.findElement(By.name("name")).clear();
        seen.findElement(By.name("name")).sendKeys("Dara's tablet");
        new Select(seen.findElement(By.name("profile"))).selectByValue("kids");
        seen.findElement(By.name("assign")).click();
        browser.waitForText("#configured-devices", "Dara's tablet");
        assertThat(browser.driver.findElements(By.cssSelector(".device.new[data-id='ip:" + TABLET + "']"))).isEmpty();
        assertThat(Files.readString(gateway.editor().file())).contains("Dara's tablet");
        browser.screenshot("devices-en");

        // The profile editor: gambling is off for kids (the adult preset); switch it on and save.
        browser.open("profiles");
        new Select(browser.waitFor("#profile-pick")).selectByValue("kids");
        browser.waitForText("#profile-editor h3", "kids");
        WebElement gambling = browser.waitFor("#categories input[value=gambling]");
        assertThat(gambling.isSelected()).isFalse();
        assertThat(browser.driver.findElement(By.id("categories")).getText())
                .contains("Gambling", "Betting, casinos and lotteries online.");
        click(gambling);
        // Also take phishing off (the preset blocks it), and add a bedtime with the form's own
        // 21:00-07:00, everything blocked but the allow list, only on the day after tomorrow: the
        // gateway runs on the real clock, and that window cannot be in force during the test.
        click(browser.driver.findElement(By.cssSelector("#categories input[value=phishing]")));
        click(browser.driver.findElement(By.cssSelector("#profile-editor button[name=add-schedule]")));
        WebElement bedtime = browser.waitFor("#profile-editor .schedule");
        bedtime.findElement(By.name("sname")).sendKeys("bedtime");
        click(bedtime.findElement(By.name("blockAll")));
        String day = LocalDate.now().getDayOfWeek().plus(2).getDisplayName(TextStyle.SHORT, Locale.ROOT)
                .toLowerCase(Locale.ROOT);
        for (WebElement box : bedtime.findElements(By.name("day"))) {
            if (!box.getDomProperty("value").equals(day)) {
                click(box);
            }
        }
        click(browser.driver.findElement(By.cssSelector("#profile-editor button[type=submit]")));
        browser.waitForText("#message", "Saved.");
        browser.waitFor("#categories input[value=gambling]:checked");
        assertThat(browser.driver.findElement(By.cssSelector("#categories input[value=phishing]")).isSelected()).isFalse();
        browser.waitFor("#profile-editor .schedule input[name=sname]");
        String saved = Files.readString(gateway.editor().file());
        assertThat(saved).contains("gambling", "phishing", "bedtime", "21:00", "07:00");
        assertThat(gateway.editor().current().config().profiles().get("kids").schedules()).singleElement()
                .satisfies(window -> assertThat(window.days()).containsExactly(day));
        assertThat(gateway.editor().current().config().profiles().get("kids").unblock()).containsExactly("phishing");
        browser.screenshot("profiles-en");

        assertThat(answer()).as("blocked at once, no restart").isEqualTo("0.0.0.0");

        // The lookup shows in the log (the writer commits within a second: ask again until it does).
        browser.open("log");
        browser.wait.until(driver -> {
            if (driver.findElement(By.id("entries")).getText().contains(LISTED)) {
                return true;
            }
            driver.findElement(By.cssSelector("#filter button[type=submit]")).click();
            return false;
        });
        assertThat(browser.driver.findElement(By.id("entries")).getText()).contains("Dara's tablet", "Gambling");
        browser.screenshot("log-en");

        browser.open("check");
        WebElement check = browser.waitFor("#check-form");
        check.findElement(By.name("name")).sendKeys(LISTED);
        new Select(check.findElement(By.name("device"))).selectByVisibleText("Dara's tablet");
        check.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitForText("#check-result", "blocked");
        assertThat(browser.driver.findElement(By.id("check-result")).getText()).contains("Gambling");
        browser.screenshot("check-en");

        browser.open("settings");
        browser.waitFor("#settings-form");
        browser.screenshot("settings-en");
        for (String page : new String[] {"requests", "lists", "users", "audit"}) {
            browser.open(page);
            // Other helpers' endpoints: until they are merged the page says so instead of failing.
            browser.wait.until(driver -> driver.findElements(By.cssSelector("section#" + page + " .unavailable, section#"
                    + page + " table, section#" + page + " ul, section#" + page + " #no-requests")).size() > 0);
            browser.screenshot(page + "-en");
        }

        new Select(browser.driver.findElement(By.id("language"))).selectByValue("km");
        browser.waitForText("#audit h2", "ការផ្លាស់ប្តូរ");
        browser.open("profiles");
        browser.waitForText("#categories", "ល្បែងស៊ីសង");
        browser.screenshot("profiles-km");
        browser.open("dashboard");
        browser.waitForText("#dashboard h2", "ថ្ងៃនេះ");
        browser.screenshot("dashboard-km");
        browser.open("devices");
        browser.waitForText("#configured-devices", "Dara's tablet");
        browser.screenshot("devices-km");
    }

    /** A click on an element that may be below the phone's fold. */
    private void click(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", element);
        element.click();
    }

    private String answer() throws Exception {
        Dig.Result result = Dig.dig(gateway.dnsAddresses().get(0), "-b", TABLET, "+short", "+tries=1", "+time=5",
                LISTED, "A");
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().strip();
    }
}
