package org.hearth.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Debian's chromium through chromedriver, headless, with a fresh profile and nothing that reaches out
 * to the internet: the browser tests talk to loopback only. Screenshots go to gateway/target/screenshots.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    final WebDriverWait wait;

    /** @param width the window's width: a phone's 412 or a laptop's 1100 */
    HeadlessChromium(Path profileParent, int width, int height) throws IOException {
        assertThat(CHROMIUM).as("install Debian's chromium and chromium-driver").exists();
        assertThat(CHROMEDRIVER).as("install Debian's chromium and chromium-driver").exists();
        Path profile = Files.createDirectories(profileParent.resolve("chromium-profile"));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile, "--lang=en-US",
                        "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** For a person to look at: gateway/target/screenshots/NAME.png (Khmer needs fonts-khmeros). */
    void screenshot(String name) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(folder.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** Opens one of the page's sections through its menu link, as a parent would. */
    WebElement open(String page) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#nav a[href='#" + page + "']"))).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section#" + page + " h2")));
    }

    WebElement waitFor(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
