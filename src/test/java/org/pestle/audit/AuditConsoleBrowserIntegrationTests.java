package org.pestle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Chromium;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A pharmacy admin in headless Chromium reads the activity feed, searches the audit trail, opens a
 * patient's report and verifies the chain. Screenshots go to target/screenshots/.
 */
@IntegrationTest
class AuditConsoleBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    ApprovedOrders approvedOrders;

    @Test
    void anAdminFollowsAnApprovalFromTheFeedIntoTheTrailAndVerifiesTheChain() throws IOException {
        ApprovedOrders.Approved order = approvedOrders.approve(Demo.REYES, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE);
        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.ADMIN)) {
            ChromeDriver browser = chromium.browser();

            assertThat(browser.findElement(By.cssSelector("ol.feed")).getText())
                    .contains("Dana (pharmacist) approved order #" + order.number());
            chromium.screenshot("activity-feed.png");

            chromium.navigate(browser.findElement(By.linkText("Audit trail")));
            browser.findElement(By.id("action")).sendKeys("order.approved");
            browser.findElement(By.id("entityId")).sendKeys(order.id().toString());
            chromium.navigate(browser.findElement(By.xpath("//button[normalize-space()='Search']")));
            var rows = browser.findElements(By.cssSelector("table tbody tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getText()).contains("pharmacist", "order.approved", order.id().toString());
            assertThat(browser.findElement(By.partialLinkText("Export these records")).getAttribute("href"))
                    .contains("action=order.approved");
            chromium.screenshot("audit-search.png");

            browser.findElement(By.id("report-patient")).sendKeys(Demo.PATIENT_NORTHSIDE.toString());
            chromium.navigate(browser.findElement(By.xpath("//button[contains(., 'this patient')]")));
            assertThat(browser.findElement(By.tagName("table")).getText()).contains("patient.viewed");
            chromium.screenshot("audit-patient-report.png");

            chromium.navigate(browser.findElement(By.linkText("Audit trail")));
            chromium.navigate(browser.findElement(By.xpath("//button[normalize-space()='Verify the audit chain']")));
            // the page shows the result when the walk ends within 2 s, and otherwise looks again every 5 s
            // (a loaded machine, a long trail): wait for the walk, as the admin would
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                    .pollInterval(java.time.Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> !browser.findElement(By.cssSelector("[role=status]")).getText()
                            .startsWith("Walking the chain"));
            assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).startsWith("The chain is intact");
        }
    }
}
