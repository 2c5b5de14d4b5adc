package org.pestle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.pestle.support.Api;
import org.pestle.support.Chromium;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.Orders;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each role sees on the console's pages, in headless Chromium: the start page (clinic settings in
 * words, the permission summary, the last 24 hours of activity, what needs attention) and the one frame
 * (navigation by role, the signed-in user, sign-out, the pharmacy's name) on every page; the permission
 * matrix saved as one grid with a reason, and its history.
 */
@IntegrationTest
class ConsolePagesBrowserIntegrationTests {

    private static final List<String> CONSOLE_PAGES = List.of("/", "/console/orders", "/console/rules", "/console/clinics",
            "/console/permissions", "/console/audit", "/console/tokens");

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestRestTemplate http;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPharmacyAdminSeesEveryClinicsSettingsInWordsThePermissionsAndWhatNeedsAttention() throws IOException {
        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.ADMIN)) {
            ChromeDriver browser = chromium.browser();
            WebElement northside = browser.findElement(By.id("clinic-northside"));
            assertThat(northside.getText()).contains("Northside Family Medicine",
                    "Providers can order\napproved compounds only", "Patient self-pay\nenabled",
                    "Clinic-pay automation\nwhen applicable");
            assertThat(northside.findElement(By.linkText("approved compounds only")).getDomAttribute("href"))
                    .isEqualTo("/console/clinics/" + Demo.NORTHSIDE);
            assertThat(browser.findElements(By.cssSelector(".card.clinic"))).hasSize(3);
            String matrix = browser.findElement(By.xpath("//section[h2[@id='matrix']]")).getText();
            assertThat(matrix).contains("See patient names", "Approve orders\npharmacists", "Manage users",
                    "Edit the permission matrix");
            assertThat(browser.findElement(By.xpath("//section[h2[@id='attention']]")).getText())
                    .contains("orders waiting for verification", "payments needing a billing decision", "incidents",
                            "break-glass reviews due");
            assertThat(navigation(browser)).containsExactly("Start", "Orders", "Refills", "Stock", "Recalls", "Rules", "Clinic settings", "Permissions",
                    "Audit trail", "API tokens", "Tasklist", "Cockpit");
            assertThat(browser.findElement(By.cssSelector("header.frame")).getText())
                    .contains("Mortar & Pestle Compounding Pharmacy", "admin", "Sign out");
            chromium.screenshot("start-page.png");

            for (String page : CONSOLE_PAGES) {
                chromium.open(page);
                assertThat(navigation(browser)).as("navigation on %s", page).contains("Start", "Permissions");
                assertThat(browser.findElements(By.xpath("//header//button[normalize-space()='Sign out']")))
                        .as("sign-out on %s", page).hasSize(1);
            }
            browser.manage().window().setSize(new Dimension(800, 1100));
            chromium.open("/");
            assertThat(browser.findElement(By.cssSelector("header.frame nav")).isDisplayed()).isTrue();
            chromium.screenshot("start-page-tablet.png");
        }
    }

    @Test
    void aClinicAdminSeesOnlyTheirClinicsSettingsAndNoPharmacyPages() throws IOException {
        assertThat(new Api(http).post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                Orders.line(Demo.NALTREXONE))).status()).isEqualTo(201);
        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.CLINIC_ADMIN)) {
            ChromeDriver browser = chromium.browser();
            assertThat(browser.findElements(By.cssSelector(".card.clinic"))).hasSize(1);
            assertThat(browser.findElement(By.id("clinic-northside")).getText())
                    .contains("approved compounds only", "enabled", "when applicable");
            assertThat(browser.findElements(By.id("clinic-lakeside"))).isEmpty();
            assertThat(browser.findElements(By.linkText("approved compounds only"))).isEmpty();
            assertThat(browser.findElements(By.linkText("Edit the permission matrix"))).isEmpty();
            assertThat(navigation(browser)).containsExactly("Start", "Orders", "Refills", "Recalls", "API tokens");
            chromium.open("/console/orders");
            assertThat(browser.findElements(By.cssSelector("#orders tbody tr td:nth-child(2)")))
                    .extracting(WebElement::getText).isNotEmpty().containsOnly("Northside Family Medicine");
            chromium.open("/console/permissions");
            assertThat(browser.getPageSource()).doesNotContain("Save the permission matrix");
        }
    }

    @Test
    void aPharmacistSeesTheQueueAndTasklistButNoSettingsOrPermissions() throws IOException {
        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.PHARMACIST)) {
            ChromeDriver browser = chromium.browser();
            assertThat(browser.findElements(By.cssSelector(".card.clinic"))).isEmpty();
            assertThat(browser.findElements(By.id("matrix"))).isEmpty();
            assertThat(browser.findElement(By.xpath("//section[h2[@id='attention']]")).getText())
                    .contains("orders waiting for verification").doesNotContain("incidents");
            assertThat(navigation(browser)).containsExactly("Start", "Orders", "Refills", "Stock", "Recalls", "API tokens", "Tasklist");
        }
    }

    @Test
    void anOperatorSeesIncidentsAndCockpitButNoOrdersOrSettings() throws IOException {
        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.OPERATOR)) {
            ChromeDriver browser = chromium.browser();
            assertThat(browser.findElements(By.cssSelector(".card.clinic"))).isEmpty();
            assertThat(browser.findElement(By.xpath("//section[h2[@id='attention']]")).getText())
                    .contains("incidents").doesNotContain("orders waiting");
            assertThat(browser.findElement(By.id("activity")).findElement(By.xpath("..")).getText())
                    .doesNotContain("order #");
            assertThat(navigation(browser)).containsExactly("Start", "API tokens", "Cockpit");
        }
    }

    @Test
    void theGridSavesAChangeWithItsReasonAndTheHistoryShowsIt() throws IOException {
        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.ADMIN)) {
            ChromeDriver browser = chromium.browser();
            chromium.navigate(browser.findElement(By.linkText("Permissions")));
            By exportForTechnicians = By.name("do.PHARMACY_TECHNICIAN.EXPORT");
            assertThat(browser.findElement(exportForTechnicians).isSelected()).isFalse();

            browser.findElement(exportForTechnicians).click();
            browser.findElement(By.id("reason")).sendKeys("Technicians print the monthly stock export");
            chromium.navigate(browser.findElement(By.xpath("//button[normalize-space()='Save the permission matrix']")));

            assertThat(browser.findElement(By.className("notice")).getText())
                    .isEqualTo("Saved the permissions of Pharmacy technicians.");
            assertThat(browser.findElement(exportForTechnicians).isSelected()).isTrue();
            WebElement latest = browser.findElement(By.cssSelector("#changes tbody tr"));
            assertThat(latest.getText()).contains("admin", "Pharmacy technicians",
                    "Technicians print the monthly stock export", "+ do export");
            chromium.screenshot("permission-matrix.png");

            browser.findElement(exportForTechnicians).click();
            browser.findElement(By.id("reason")).sendKeys("Test over: back to the shipped grant");
            chromium.navigate(browser.findElement(By.xpath("//button[normalize-space()='Save the permission matrix']")));
            assertThat(browser.findElement(By.cssSelector("#changes tbody tr")).getText())
                    .contains("− do export", "Test over: back to the shipped grant");
            chromium.open("/?kind=permissions_and_rules");
            assertThat(browser.findElement(By.id("activity")).findElement(By.xpath("..")).getText())
                    .contains("Permissions of pharmacy technicians updated by Jane (admin)");
        }
    }

    @Test
    void takingManageUsersFromPharmacyAdminsIsRefusedAndNothingIsSaved() throws IOException {
        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.ADMIN)) {
            ChromeDriver browser = chromium.browser();
            chromium.open("/console/permissions");
            long before = changes();
            browser.findElement(By.name("do.PHARMACY_ADMIN.MANAGE_USERS")).click();
            browser.findElement(By.name("do.PHARMACY_TECHNICIAN.EXPORT")).click();
            browser.findElement(By.id("reason")).sendKeys("An attempt to lock us out");
            chromium.navigate(browser.findElement(By.xpath("//button[normalize-space()='Save the permission matrix']")));

            assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                    .contains("Pharmacy admins must keep MANAGE_USERS", "Nothing was saved");
            assertThat(browser.findElement(By.name("do.PHARMACY_ADMIN.MANAGE_USERS")).isSelected()).isTrue();
            assertThat(browser.findElement(By.name("do.PHARMACY_TECHNICIAN.EXPORT")).isSelected()).isFalse();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> changes() == before);
        }
    }

    private long changes() {
        return transactions.asSystem(() -> jdbc.sql("select count(*) from permission_matrix_change")
                .query(Long.class).single());
    }

    private static List<String> navigation(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("header.frame nav a")).stream().map(WebElement::getText).toList();
    }
}
