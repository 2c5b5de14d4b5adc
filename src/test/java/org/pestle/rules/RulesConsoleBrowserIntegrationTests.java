package org.pestle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pestle.support.Api;
import org.pestle.support.Authenticator;
import org.pestle.support.Demo;
import org.pestle.support.Transactions;
import org.pestle.support.MutableClock;
import org.pestle.support.IntegrationTest;
import org.pestle.tenancy.ClinicPayAutomation;
import org.pestle.tenancy.ClinicSettings;
import org.pestle.tenancy.Clinics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A pharmacy admin in headless Chromium (Debian's chromium and chromium-driver; CHROME_BIN and CHROMEDRIVER_BIN
 * override the paths) adds a rule to the order-eligibility table, runs the table's test cases and publishes it, and
 * switches a clinic's "approved compounds only" off. Screenshots go to target/screenshots/.
 */
@IntegrationTest
class RulesConsoleBrowserIntegrationTests {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    @Autowired
    Transactions transactions;

    @Autowired
    MutableClock clock;

    @Autowired
    TestRestTemplate http;

    @Autowired
    RepositoryService repository;

    @Autowired
    Clinics clinics;

    ChromeDriver browser;
    Path profile;
    RuleTablesFixture rules;

    @BeforeEach
    void startChromiumAndSignIn() throws IOException {
        rules = new RuleTablesFixture(new Api(http));
        rules.restoreShipped(RuleTablesFixture.ELIGIBILITY);
        profile = Files.createTempDirectory("pestle-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("CHROME_BIN", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1440,1500");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))).usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        browser.get(url("/login"));
        browser.findElement(By.name("username")).sendKeys(Demo.ADMIN);
        browser.findElement(By.name("password")).sendKeys(Demo.PASSWORD);
        navigate(browser.findElement(By.cssSelector("button[type=submit]")));
        browser.findElement(By.id("code")).sendKeys(Authenticator.nextCode(Demo.TOTP_SECRETS.get(Demo.ADMIN), clock));
        navigate(browser.findElement(By.xpath("//form[@action='/mfa']//button[@type='submit']")));
        assertThat(browser.getPageSource()).contains("Signed in as");
    }

    @AfterEach
    void closeChromiumAndRestore() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        rules.restoreShipped(RuleTablesFixture.ELIGIBILITY);
        transactions.asSystem(() -> clinics.changeSettings(Demo.NORTHSIDE, new ClinicSettings(true, true, ClinicPayAutomation.WHEN_APPLICABLE, 5),
                "test", "Test over: demo settings again"));
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }

    @Test
    void adminAddsARuleRunsTheTestCasesAndPublishes() throws IOException {
        int before = latestVersion();
        navigate(browser.findElement(By.linkText("Rules")));
        navigate(browser.findElement(By.linkText("Order eligibility")));
        navigate(browser.findElement(By.xpath("//button[normalize-space()='Edit the rules']")));

        navigate(browser.findElement(By.xpath("//button[normalize-space()='Add a rule']")));
        cell("Rule 11, Clinic orders approved compounds only").sendKeys("false");
        cell("Rule 11, Days supply").sendKeys("> 60");
        cell("Rule 11, Outcome").sendKeys("\"review\"");
        cell("Rule 11, Reason").sendKeys("\"Long supply for a clinic without a formulary\"");
        cell("Rule 11, why").sendKeys("Pharmacy policy: a pharmacist looks at long supplies for clinics that order "
                + "any catalog item");
        navigate(cell("Move rule 11 up"));
        assertThat(cell("Rule 10, Days supply").getAttribute("value")).isEqualTo("> 60");
        screenshot("rules-editor.png");
        navigate(browser.findElement(By.id("save-draft")));

        assertThat(browser.findElement(By.className("notice")).getText()).startsWith("Draft saved");
        navigate(browser.findElement(By.id("run-tests")));
        assertThat(browser.findElement(By.id("test-summary")).getText()).isEqualTo("11 of 11 test cases pass");
        browser.findElement(By.id("comment")).sendKeys("Long supplies for clinics without a formulary are reviewed");
        navigate(browser.findElement(By.id("publish")));

        assertThat(browser.findElement(By.className("notice")).getText()).isEqualTo("Published as version "
                + (before + 1) + ". New orders are decided by it now.");
        assertThat(latestVersion()).isEqualTo(before + 1);
        List<String> ruleRows = browser.findElements(By.cssSelector("#rules tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(ruleRows.get(9)).contains("Long supply for a clinic without a formulary");
        screenshot("rules-console.png");
    }

    @Test
    void adminSwitchesApprovedCompoundsOnlyOffForNorthside() throws IOException {
        navigate(browser.findElement(By.linkText("clinic settings")));
        navigate(browser.findElement(By.linkText("Northside Family Medicine")));
        browser.findElement(By.cssSelector("input[name=ordering][value=ANY_ITEM]")).click();
        browser.findElement(By.id("reason")).sendKeys("Northside's new agreement: any catalog item");
        navigate(browser.findElement(By.id("save-settings")));

        assertThat(browser.findElement(By.className("notice")).getText()).startsWith(
                "Settings of Northside Family Medicine saved");
        assertThat(clinics.find(Demo.NORTHSIDE).orElseThrow().approvedCompoundsOnly()).isFalse();
        screenshot("clinic-settings.png");
    }

    /** Clicks a link or submit button and waits until the next page has replaced this one. */
    private void navigate(WebElement element) {
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(element));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> "complete".equals(
                browser.executeScript("return document.readyState")));
    }

    private WebElement cell(String label) {
        return browser.findElement(By.cssSelector("[aria-label='" + label + "']"));
    }

    private int latestVersion() {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(RuleTablesFixture.ELIGIBILITY)
                .latestVersion().singleResult().getVersion();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
