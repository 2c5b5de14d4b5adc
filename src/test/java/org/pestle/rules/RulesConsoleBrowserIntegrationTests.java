package org.pestle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.pestle.support.Api;
import org.pestle.support.Chromium;
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
 * A pharmacy admin in headless Chromium ({@link Chromium}) adds a rule to the order-eligibility table, runs the table's test cases and publishes it, and
 * switches a clinic's "approved compounds only" off. Screenshots go to target/screenshots/.
 */
@IntegrationTest
class RulesConsoleBrowserIntegrationTests {

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

    Chromium chromium;
    ChromeDriver browser;
    RuleTablesFixture rules;

    @BeforeEach
    void startChromiumAndSignIn() throws IOException {
        rules = new RuleTablesFixture(new Api(http));
        rules.restoreShipped(RuleTablesFixture.ELIGIBILITY);
        chromium = Chromium.signedIn(port, clock, Demo.ADMIN);
        browser = chromium.browser();
    }

    @AfterEach
    void closeChromiumAndRestore() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        rules.restoreShipped(RuleTablesFixture.ELIGIBILITY);
        transactions.asSystem(() -> clinics.changeSettings(Demo.NORTHSIDE, new ClinicSettings(true, true, ClinicPayAutomation.WHEN_APPLICABLE, 5, 14),
                "test", "Test over: demo settings again"));
    }

    @Test
    void adminAddsARuleRunsTheTestCasesAndPublishes() throws IOException {
        int before = latestVersion();
        chromium.navigate(browser.findElement(By.linkText("Rules")));
        chromium.navigate(browser.findElement(By.linkText("Order eligibility")));
        chromium.navigate(browser.findElement(By.xpath("//button[normalize-space()='Edit the rules']")));

        chromium.navigate(browser.findElement(By.xpath("//button[normalize-space()='Add a rule']")));
        cell("Rule 11, Clinic orders approved compounds only").sendKeys("false");
        cell("Rule 11, Days supply").sendKeys("> 60");
        cell("Rule 11, Outcome").sendKeys("\"review\"");
        cell("Rule 11, Reason").sendKeys("\"Long supply for a clinic without a formulary\"");
        cell("Rule 11, why").sendKeys("Pharmacy policy: a pharmacist looks at long supplies for clinics that order "
                + "any catalog item");
        chromium.navigate(cell("Move rule 11 up"));
        assertThat(cell("Rule 10, Days supply").getAttribute("value")).isEqualTo("> 60");
        chromium.screenshot("rules-editor.png");
        chromium.navigate(browser.findElement(By.id("save-draft")));

        assertThat(browser.findElement(By.className("notice")).getText()).startsWith("Draft saved");
        chromium.navigate(browser.findElement(By.id("run-tests")));
        assertThat(browser.findElement(By.id("test-summary")).getText()).isEqualTo("11 of 11 test cases pass");
        browser.findElement(By.id("comment")).sendKeys("Long supplies for clinics without a formulary are reviewed");
        chromium.navigate(browser.findElement(By.id("publish")));

        assertThat(browser.findElement(By.className("notice")).getText()).isEqualTo("Published as version "
                + (before + 1) + ". New orders are decided by it now.");
        assertThat(latestVersion()).isEqualTo(before + 1);
        List<String> ruleRows = browser.findElements(By.cssSelector("#rules tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(ruleRows.get(9)).contains("Long supply for a clinic without a formulary");
        chromium.screenshot("rules-console.png");
    }

    @Test
    void adminSwitchesApprovedCompoundsOnlyOffForNorthside() throws IOException {
        chromium.navigate(browser.findElement(By.linkText("Clinic settings")));
        chromium.navigate(browser.findElement(By.linkText("Northside Family Medicine")));
        browser.findElement(By.cssSelector("input[name=ordering][value=ANY_ITEM]")).click();
        browser.findElement(By.id("reason")).sendKeys("Northside's new agreement: any catalog item");
        chromium.navigate(browser.findElement(By.id("save-settings")));

        assertThat(browser.findElement(By.className("notice")).getText()).startsWith(
                "Settings of Northside Family Medicine saved");
        assertThat(clinics.find(Demo.NORTHSIDE).orElseThrow().approvedCompoundsOnly()).isFalse();
        chromium.screenshot("clinic-settings.png");
    }

    private WebElement cell(String label) {
        return browser.findElement(By.cssSelector("[aria-label='" + label + "']"));
    }

    private int latestVersion() {
        return repository.createDecisionDefinitionQuery().decisionDefinitionKey(RuleTablesFixture.ELIGIBILITY)
                .latestVersion().singleResult().getVersion();
    }

}
