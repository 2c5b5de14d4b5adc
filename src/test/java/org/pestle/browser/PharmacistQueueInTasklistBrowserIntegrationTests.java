package org.pestle.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pestle.support.Api;
import org.pestle.support.Chromium;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pharmacist's verification queue in Tasklist, in headless Chromium: each task says which order, clinic
 * and schedule it is about (console/internal/tasklist names every user task when it is created), has a due
 * date from the service level, the form says why the rules sent it to review, and no "migrate to Camunda 8"
 * banner covers the page.
 */
@IntegrationTest
class PharmacistQueueInTasklistBrowserIntegrationTests {

    private static final Duration UI_TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MutableClock clock;

    @Autowired
    ProcessEngine engine;

    @Test
    void theQueueNamesEachOrdersNumberClinicAndScheduleWithoutTheMigrationBanner() throws IOException {
        Api api = new Api(http);
        long naltrexone = submit(api, Demo.NALTREXONE);
        long testosterone = submit(api, Demo.TESTOSTERONE);
        Task plain = task(naltrexone);
        Task controlled = task(testosterone);
        assertThat(plain.getName()).isEqualTo("Verify order #" + naltrexone + " · Northside Family Medicine");
        assertThat(controlled.getName())
                .isEqualTo("Verify order #" + testosterone + " · Northside Family Medicine · Schedule III");
        assertThat(controlled.getDescription()).isEqualTo("Order #" + testosterone
                + " from Northside Family Medicine: 1 line; eligibility review: Controlled substance: pharmacist review required");
        assertThat(controlled.getPriority()).isGreaterThan(plain.getPriority());
        assertThat(Duration.between(controlled.getCreateTime().toInstant(), controlled.getDueDate().toInstant()))
                .isBetween(Duration.ofHours(4).minusSeconds(5), Duration.ofHours(4).plusSeconds(5));

        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.PHARMACIST)) {
            try {
                inTasklist(chromium, naltrexone, testosterone);
            } catch (RuntimeException | AssertionError e) {
                chromium.screenshot("tasklist-queue-FAILED.png");
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "screenshots", "tasklist-queue-FAILED.html"),
                        chromium.browser().getPageSource());
                throw e;
            }
        }
    }

    private void inTasklist(Chromium chromium, long naltrexone, long testosterone) {
        {
            ChromeDriver browser = chromium.browser();
            WebDriverWait wait = new WebDriverWait(browser, UI_TIMEOUT);
            wait.ignoring(StaleElementReferenceException.class);
            String first = listedTask(chromium, wait, naltrexone);
            assertThat(first).contains("Verify order #" + naltrexone + " · Northside Family Medicine")
                    .doesNotContain("Schedule");
            String second = listedTask(chromium, wait, testosterone);
            assertThat(browser.getCurrentUrl()).contains("sorting=");
            // the list's sorting header names both: Priority, then Created
            assertThat(browser.findElements(By.xpath("//*[normalize-space(text())='Priority']"))).isNotEmpty();
            assertThat(second).contains("Verify order #" + testosterone + " · Northside Family Medicine · Schedule III");
            browser.findElement(By.xpath("//li[contains(@class,'task')]//h4[contains(@class,'task')]/a")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fjs-form"),
                    "Why the rules sent it here: Controlled substance: pharmacist review required"));
            chromium.screenshot("tasklist-queue.png");

            assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")))
                    .allSatisfy(banner -> assertThat(banner.isDisplayed()).isFalse());
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("migrate to Camunda 8");
        }
    }

    private long submit(Api api, java.util.UUID compound) {
        Api.Response created = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(compound)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("orderNumber").asLong();
    }

    private Task task(long orderNumber) {
        return await().atMost(UI_TIMEOUT).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(orderNumber)).taskDefinitionKey("Task_VerifyPrescription")
                .singleResult(), t -> t != null);
    }

    /** Narrows the queue with Tasklist's search (business key = the order number) and gives the one task's list entry. */
    private static String listedTask(Chromium chromium, WebDriverWait wait, long orderNumber) {
        // as the pharmacist goes there: the frame's Tasklist link opens the queue sorted by priority, then age
        chromium.open("/");
        String tasklist = chromium.browser().findElement(By.linkText("Tasklist")).getDomProperty("href");
        By queue = By.xpath("//div[contains(@class,'task-filter')][.//h4[contains(@class,'name')]"
                + "/a[contains(normalize-space(),'Verification queue')]]");
        // On a busy machine Tasklist now and then stays on its loading spinner (its scripts or translations
        // arrive late); a person would load the page again, and so does this, at most twice, saying so.
        chromium.browser().get(tasklist);
        for (int attempt = 1; ; attempt++) {
            try {
                wait.until(ExpectedConditions.elementToBeClickable(queue));
                break;
            } catch (org.openqa.selenium.TimeoutException stillLoading) {
                if (attempt == 3) {
                    throw stillLoading;
                }
                System.out.println("Tasklist did not show its filters within " + UI_TIMEOUT + ": loading it again");
                chromium.browser().navigate().refresh();
            }
        }
        wait.until(ExpectedConditions.elementToBeClickable(queue)).findElement(By.cssSelector("h4.name a")).click();
        wait.until(ExpectedConditions.attributeContains(queue, "class", "active"));
        WebElement search = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("[cam-widget-search] input.main-field")));
        search.click();
        search.sendKeys("Process Instance Business Key");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//div[@cam-widget-search]//ul[@role='listbox']"
                + "/li/a[normalize-space()='Process Instance Business Key']"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[cam-widget-search-pill] .value-field input")))
                .sendKeys(Long.toString(orderNumber), Keys.ENTER);
        By operator = By.cssSelector("[cam-widget-search-pill] .operator-field");
        wait.until(ExpectedConditions.elementToBeClickable(operator)).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@cam-widget-search-pill]"
                + "//*[contains(@class,'operator-field')]//li/a[normalize-space()='=']"))).click();
        By tasks = By.xpath("//li[contains(@class,'task')][.//h4[contains(@class,'task')]]");
        String[] text = new String[1];
        wait.withMessage("one task of order " + orderNumber + " in the list").until(d -> {
            List<WebElement> listed = d.findElements(tasks);
            if (listed.size() != 1 || !listed.get(0).getText().contains("#" + orderNumber + " ")) {
                return false;
            }
            text[0] = listed.get(0).getText();
            return true;
        });
        return text[0];
    }
}
