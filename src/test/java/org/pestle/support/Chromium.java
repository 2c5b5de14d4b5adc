package org.pestle.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Headless Chromium on Pestle's pages (Debian's chromium and chromium-driver, which {@code .ci/run}
 * installs; CHROME_BIN and CHROMEDRIVER_BIN override the paths), signed in as a demo user with both
 * factors. Screenshots go to target/screenshots/.
 */
public final class Chromium implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver browser;
    private final Path profile;
    private final int port;

    private Chromium(int port) throws IOException {
        this.port = port;
        this.profile = Files.createTempDirectory("pestle-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1440,1500");
        this.browser = new ChromeDriver(driverService(), options);
    }

    /** A browser signed in as this demo user: password on the login page, then the authenticator's code. */
    public static Chromium signedIn(int port, MutableClock clock, String username) throws IOException {
        Chromium chromium = new Chromium(port);
        try {
            ChromeDriver browser = chromium.browser;
            browser.get(chromium.url("/login"));
            browser.findElement(By.name("username")).sendKeys(username);
            browser.findElement(By.name("password")).sendKeys(Demo.PASSWORD);
            chromium.navigate(browser.findElement(By.cssSelector("button[type=submit]")));
            browser.findElement(By.id("code")).sendKeys(Authenticator.nextCode(Demo.TOTP_SECRETS.get(username), clock));
            chromium.navigate(browser.findElement(By.xpath("//form[@action='/mfa']//button[@type='submit']")));
            if (!browser.getPageSource().contains("Signed in as")) {
                throw new AssertionError(username + " did not reach the start page");
            }
            return chromium;
        } catch (RuntimeException | Error e) {
            chromium.close();
            throw e;
        }
    }

    public ChromeDriver browser() {
        return browser;
    }

    /** Opens a page of Pestle by its path. */
    public void open(String path) {
        browser.get(url(path));
    }

    /** Clicks a link or submit button and waits until the next page has replaced this one. */
    public void navigate(WebElement element) {
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> gone(element));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> "complete".equals(
                browser.executeScript("return document.readyState")));
    }

    /**
     * Whether the element's page was replaced. While the old page is being torn down Chromium may answer
     * "does not belong to the document" instead of a stale reference; that is gone too.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            return e.getMessage() != null && e.getMessage().contains("does not belong to the document");
        }
    }

    /** Saves a screenshot as target/screenshots/{name}. */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Override
    public void close() {
        browser.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
    }

    /** Chromium's executable: {@code CHROME_BIN}, else Debian's; a missing one fails the test saying what to install. */
    public static String binary() {
        return installed("CHROME_BIN", "/usr/bin/chromium");
    }

    /** ChromeDriver on a free port: {@code CHROMEDRIVER_BIN}, else Debian's; a missing one fails the same way. */
    public static ChromeDriverService driverService() {
        return new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(installed("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
    }

    private static String installed(String variable, String fallback) {
        String path = env(variable, fallback);
        if (!Files.isExecutable(Path.of(path))) {
            throw new AssertionError("The browser tests need Chromium and ChromeDriver, and " + path
                    + " is missing: install Debian's packages (apt-get install chromium chromium-driver), or set "
                    + "CHROME_BIN and CHROMEDRIVER_BIN to where they are. .ci/run installs them.");
        }
        return path;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
