package org.pestle.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.pestle.support.Api;
import org.pestle.support.Authenticator;
import org.pestle.support.Chromium;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A pharmacist verifies an order the way she does at work, in headless Chromium: signs in on Pestle's
 * login page (password, then the authenticator's code), opens Camunda Tasklist, finds the order's
 * "Verify order #…" task in the verification queue, claims it and completes the Camunda Form
 * (forms/verify-prescription.form); a technician compounds a paid order from the "Fulfillment queue"
 * (forms/compound-order.form) and a pharmacist releases it (forms/final-check.form). Orders are submitted
 * and checked over Pestle's API; everything in between happens in the browser.
 *
 * <p>Chromium and ChromeDriver are the Debian packages ({@code /usr/bin/chromium},
 * {@code /usr/bin/chromedriver}; the environment variables {@code CHROME_BIN} and
 * {@code CHROMEDRIVER_BIN} override them). The driver's path is given to Selenium, so Selenium Manager
 * is never run and nothing is downloaded. Screenshots of the main steps, and on failure a screenshot
 * and the page source, go to {@code target/browser-screenshots/}.
 */
@IntegrationTest
class VerificationInTasklistBrowserIntegrationTests {

    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(20);

    private static final By TASK_SEARCH = By.cssSelector("[cam-widget-search] input.main-field");
    private static final By VERIFY_TASKS = By.xpath("//li[contains(@class,'task')]//h4[contains(@class,'task')]"
            + "/a[starts-with(normalize-space(),'Verify order #')]");
    private static final By ANY_TASK = By.xpath("//li[contains(@class,'task')]//h4[contains(@class,'task')]/a");
    private static final By FORM_HEADING = By.cssSelector(".fjs-form h1");
    private static final By COMPLETE = By.xpath("//button[@type='submit'][normalize-space()='Complete']");
    private static final By ERROR_NOTIFICATION = By.cssSelector(".notifications .alert-danger");

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    /** The application's clock: authenticator codes are computed at its time. */
    @Autowired
    MutableClock clock;

    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    @Autowired
    org.pestle.support.Transactions transactions;

    @RegisterExtension
    final AfterTestExecutionCallback screenshotOnFailure = this::screenshotOnFailure;

    Api api;
    WebDriver browser;
    WebDriverWait wait;
    Path profile;
    String testName;

    @BeforeEach
    void startBrowser(TestInfo test) throws IOException {
        api = new Api(http);
        testName = test.getTestMethod().map(method -> method.getName()).orElse("test");
        profile = Files.createTempDirectory("pestle-chromium-");
        browser = chromium(profile);
        wait = new WebDriverWait(browser, UI_TIMEOUT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void pharmacistApprovesAnOrderInTasklist() {
        JsonNode order = submitOrderAndAwaitReview();
        long orderNumber = order.get("orderNumber").asLong();

        logIn(Demo.PHARMACIST);
        openVerificationQueue();
        openVerificationTask(orderNumber);
        claim();
        chooseDecision("Approve");
        capture("approve-chosen");
        complete();
        awaitTaskGone(orderNumber);

        JsonNode approved = awaitStatus(order.get("id").asText(), "AWAITING_PAYMENT");
        assertThat(approved.get("reviews")).anySatisfy(review -> {
            assertThat(review.get("action").asText()).isEqualTo("APPROVED");
            assertThat(review.get("actor").asText()).isEqualTo(Demo.PHARMACIST);
        });
    }

    @Test
    void rejectionWithoutAReasonDoesNotCompleteTheTask() {
        JsonNode order = submitOrderAndAwaitReview();
        String id = order.get("id").asText();
        long orderNumber = order.get("orderNumber").asLong();

        logIn(Demo.PHARMACIST);
        openVerificationQueue();
        openVerificationTask(orderNumber);
        claim();
        chooseDecision("Reject");
        By reason = formField("Reason for rejection");
        wait.until(ExpectedConditions.visibilityOfElementLocated(reason));
        complete();

        // form-js does not submit: it marks the required select, and Tasklist says the form was not submitted.
        wait.until(d -> hasErrors(d.findElement(reason)));
        assertThat(browser.findElement(reason).findElement(By.cssSelector(".fjs-form-field-error")).getText())
                .isEqualTo("Field is required.");
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(ERROR_NOTIFICATION)).getText())
                .contains("An error happened while submitting the task form");
        capture("reject-without-reason");
        assertThat(browser.findElement(FORM_HEADING).getText()).isEqualTo("Verify order " + orderNumber);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            JsonNode current = api.get(Demo.REYES, "/api/orders/" + id).json();
            assertThat(current.get("status").asText()).isEqualTo("IN_REVIEW");
            assertThat(current.get("reviews")).isEmpty();
        });

        dismissErrorNotifications();
        chooseOption(reason, "Drug interaction");
        wait.until(d -> !hasErrors(d.findElement(reason)));
        complete();
        awaitTaskGone(orderNumber);

        JsonNode rejected = awaitStatus(id, "REJECTED");
        assertThat(rejected.get("statusReason").asText()).isEqualTo("Rejected by pharmacist: DRUG_INTERACTION");
        assertThat(rejected.get("reviews")).anySatisfy(review -> {
            assertThat(review.get("action").asText()).isEqualTo("REJECTED");
            assertThat(review.get("code").asText()).isEqualTo("DRUG_INTERACTION");
            assertThat(review.get("actor").asText()).isEqualTo(Demo.PHARMACIST);
        });
    }

    @Test
    void aTechnicianCompoundsAPaidOrderAnotherPharmacistReleasesItAndTheTechnicianShipsItInTasklist() {
        JsonNode order = submitOrderAndAwaitReview();
        String id = order.get("id").asText();
        long orderNumber = order.get("orderNumber").asLong();
        payPastThePaymentProcess(orderNumber);

        logIn(Demo.TECHNICIAN);
        // other tests' tasks may fill the queue's first page: the search below finds this order's
        openQueue("Fulfillment queue", ANY_TASK);
        openTask(orderNumber, tasksNamed("Compound order #"), "Compound order " + orderNumber);
        claim();
        WebElement confirmed = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'fjs-form-field-checkbox')]//input[@type='checkbox']")));
        confirmed.click();
        wait.until(ExpectedConditions.elementToBeSelected(confirmed));
        capture("compounding-confirmed");
        complete();
        awaitStatus(id, "FINAL_CHECK");
        logOut();

        logIn(Demo.PHARMACIST);
        openQueue("Verification queue", ANY_TASK);
        openTask(orderNumber, tasksNamed("Final check of order #"), "Final check of order " + orderNumber);
        claim();
        chooseDecision("Approve and release");
        capture("final-check-approve");
        complete();

        JsonNode ready = awaitStatus(id, "READY");
        assertThat(ready.at("/lines/0/status").asText()).isEqualTo("CHECKED");
        JsonNode dispensing = api.get(Demo.PHARMACIST, "/api/orders/" + id + "/dispensing").json();
        assertThat(dispensing.at("/compoundings/0/compoundedBy").asText()).isEqualTo(Demo.TECHNICIAN);
        assertThat(dispensing.at("/compoundings/0/checkedBy").asText()).isEqualTo(Demo.PHARMACIST);
        logOut();

        // the handover form: a pickup's fields by default, the carrier and tracking number once shipping is chosen
        logIn(Demo.TECHNICIAN);
        openQueue("Fulfillment queue", ANY_TASK);
        openTask(orderNumber, tasksNamed("Record pickup or shipment"), "Handover of order " + orderNumber);
        claim();
        wait.until(ExpectedConditions.visibilityOfElementLocated(formField("Picked up by")));
        assertThat(browser.findElements(formField("Carrier"))).as("no shipment fields for a pickup").isEmpty();
        chooseDecision("Shipped to the patient");
        wait.until(ExpectedConditions.visibilityOfElementLocated(formField("Carrier")));
        assertThat(browser.findElements(formField("Picked up by"))).as("no pickup fields for a shipment").isEmpty();
        chooseOption(formField("Carrier"), "UPS");
        browser.findElement(formField("Tracking number")).findElement(By.cssSelector("input"))
                .sendKeys("1Z999AA10123456784");
        capture("handover-shipped");
        complete();
        JsonNode shipped = awaitStatus(id, "SHIPPED");
        assertThat(shipped.at("/lines/0/status").asText()).isEqualTo("SHIPPED");
    }

    @Test
    void cockpitIsForOperatorsNotForPrescribers() {
        logIn(Demo.OPERATOR);
        browser.get(url("/camunda/app/cockpit/"));
        By processesMenu = By.cssSelector("[ng-repeat^='actionProvider'] a[href='#/processes']");
        awaitEnglishLabels("Cockpit", processesMenu, WebElement::getText, "Processes");
        browser.findElement(processesMenu).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//table[contains(@class,'process-definitions-list')]//td[contains(@class,'name')]"
                        + "[normalize-space()='Order fulfillment']")));
        capture("operator-processes");
        logOut();

        logIn(Demo.REYES);
        browser.get(url("/camunda/app/cockpit/"));
        // Camunda's container-based authentication answers 403 for a webapp the user may not open, and
        // Pestle's error page says so: Cockpit itself never loads.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Not for your role"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Back to the start page");
        assertThat(browser.findElements(By.cssSelector("[cam-widget-header], .navbar-brand"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("Order fulfillment");
        capture("prescriber-forbidden");
    }

    // ---- API -----------------------------------------------------------------------------------

    private JsonNode submitOrderAndAwaitReview() {
        Api.Response created = api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, line(Demo.NALTREXONE)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return awaitStatus(created.json().get("id").asText(), "IN_REVIEW");
    }

    private JsonNode awaitStatus(String orderId, String status) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PROCESS_TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last[0] = api.get(Demo.REYES, "/api/orders/" + orderId).json();
            assertThat(last[0].get("status").asText()).as("status of order %s", orderId).isEqualTo(status);
        });
        return last[0];
    }

    /**
     * Approves the order over Camunda's REST API as the pharmacist and moves its process past the payment
     * (tested in PaymentProcessIntegrationTests) to Event_OrderPaid, so the order is PAID.
     */
    private void payPastThePaymentProcess(long orderNumber) {
        org.pestle.support.ProviderStandIns.server();
        var tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(String.valueOf(orderNumber))
                .taskDefinitionKey("Task_VerifyPrescription").list();
        assertThat(tasks).hasSize(1);
        String processId = tasks.get(0).getProcessInstanceId();
        assertThat(api.post(Demo.PHARMACIST, "/engine-rest/task/" + tasks.get(0).getId() + "/complete",
                Map.of("variables", Map.of("verificationDecision", Map.of("value", "approve")))).status())
                .isEqualTo(204);
        await().atMost(PROCESS_TIMEOUT).until(() -> engine.getRuntimeService().createEventSubscriptionQuery()
                .eventName("PaymentSucceeded").list().stream().anyMatch(s -> engine.getRuntimeService()
                        .createProcessInstanceQuery().processInstanceId(s.getProcessInstanceId())
                        .superProcessInstanceId(processId).count() == 1));
        transactions.asSystem(() -> {
            engine.getRuntimeService().createProcessInstanceModification(processId)
                    .cancelAllForActivity("CallActivity_Payment").startBeforeActivity("Event_OrderPaid").execute();
            return null;
        });
        await().atMost(PROCESS_TIMEOUT).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceId(processId).taskDefinitionKey("Task_CompoundOrder").count() == 1);
    }

    // ---- Pestle's sign-in ----------------------------------------------------------------------

    /** Both factors, as a person signs in: password on /login, then the authenticator's code on /mfa. */
    private void logIn(String username) {
        browser.get(url("/"));
        wait.until(ExpectedConditions.urlMatches("/login(\\?.*)?$"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Demo.PASSWORD);
        browser.findElement(By.cssSelector("form.login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("/mfa(\\?.*)?$"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("code")))
                .sendKeys(Authenticator.nextCode(Demo.TOTP_SECRETS.get(username), clock));
        browser.findElement(By.xpath("//form[@action='/mfa']//button[@type='submit']")).click();
        // The start page replaces the code page while it is being read: a node of the old page may be
        // gone (Chromium then answers "does not belong to the document"); look again until it settles.
        new WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                        "Signed in as " + username));
        assertThat(browser.getTitle()).isEqualTo("Pestle");
    }

    private void logOut() {
        browser.get(url("/"));
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Sign out']")))
                .click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
    }

    // ---- Tasklist ------------------------------------------------------------------------------

    /** From Pestle's home page into Tasklist, with the "Verification queue" filter selected. */
    private void openVerificationQueue() {
        openQueue("Verification queue", VERIFY_TASKS);
    }

    /** From Pestle's home page into Tasklist, with the named filter selected and a task of the kind listed. */
    private void openQueue(String filterName, By tasksOfKind) {
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Tasklist"))).click();
        awaitEnglishLabels("Tasklist", TASK_SEARCH, search -> search.getDomProperty("placeholder"), "Filter Tasks");
        By queue = By.xpath("//div[contains(@class,'task-filter')]"
                + "[.//h4[contains(@class,'name')]/a[contains(normalize-space(),'" + filterName + "')]]");
        wait.until(ExpectedConditions.elementToBeClickable(queue)).findElement(By.cssSelector("h4.name a")).click();
        wait.until(ExpectedConditions.attributeContains(queue, "class", "active"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(tasksOfKind));
    }

    private static By tasksNamed(String name) {
        return By.xpath("//li[contains(@class,'task')]//h4[contains(@class,'task')]/a[starts-with(normalize-space(),'"
                + name + "')]");
    }

    /**
     * Narrows the list with Tasklist's search (Process Instance Business Key = the order number) and
     * opens the task, making sure the form's heading names the order.
     */
    private void openVerificationTask(long orderNumber) {
        openTask(orderNumber, VERIFY_TASKS, "Verify order " + orderNumber);
    }

    private void openTask(long orderNumber, By tasksOfKind, String heading) {
        WebElement search = browser.findElement(TASK_SEARCH);
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
        wait.until(ExpectedConditions.textToBe(operator, "="));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[cam-widget-search-pill] .value-field"),
                Long.toString(orderNumber)));

        // The list reloads once the search has changed: open its one task until the form is this order's.
        new WebDriverWait(browser, UI_TIMEOUT).ignoring(StaleElementReferenceException.class)
                .withMessage("the task list to show just the task of order " + orderNumber + ", its form headed '"
                        + heading + "'")
                .until(d -> {
                    List<WebElement> tasks = d.findElements(tasksOfKind);
                    if (tasks.size() != 1) {
                        return false;
                    }
                    WebElement task = tasks.get(0);
                    if (!task.findElement(By.xpath("ancestor::li[1]")).getDomAttribute("class").contains("active")) {
                        task.click();
                    }
                    List<WebElement> headings = d.findElements(FORM_HEADING);
                    return headings.size() == 1 && headings.get(0).getText().equals(heading);
                });
        capture("task-opened");
    }

    /**
     * Waits for a Camunda webapp's English labels. Now and then, more often on a busy machine, some of a
     * webapp's components start before its translations (locales/en.json) have arrived and show the
     * translation keys (SEARCH_PLACEHOLDER, CREATION_DATE) until the page is loaded again. A person
     * would reload the page; so does this, at most twice, saying so in the test output.
     */
    private void awaitEnglishLabels(String webapp, By element, Function<WebElement, String> label, String english) {
        for (int attempt = 1; ; attempt++) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(element));
            try {
                new WebDriverWait(browser, Duration.ofSeconds(4)).ignoring(StaleElementReferenceException.class)
                        .until(d -> english.equals(label.apply(d.findElement(element))));
                return;
            } catch (TimeoutException untranslated) {
                String shown = label.apply(browser.findElement(element));
                capture(webapp.toLowerCase() + "-untranslated-" + attempt);
                if (attempt == 3) {
                    throw new AssertionError(webapp + " still shows '" + shown + "' instead of '" + english
                            + "' after two reloads", untranslated);
                }
                System.out.println(webapp + " shows '" + shown + "' instead of '" + english
                        + "' (its translations were not applied): reloading the page");
                browser.navigate().refresh();
            }
        }
    }

    private void claim() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("h5.assignee")));
    }

    private void chooseDecision(String label) {
        WebElement radio = wait.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//div[contains(@class,'fjs-form-field-radio')]//label[normalize-space()='" + label + "']/input")));
        radio.click();
        wait.until(ExpectedConditions.elementToBeSelected(radio));
    }

    /** A form-js select: opens its list and picks the option with this label. */
    private void chooseOption(By field, String option) {
        browser.findElement(field).findElement(By.cssSelector(".fjs-input-group")).click();
        wait.until(ExpectedConditions.elementToBeClickable(browser.findElement(field).findElement(By.xpath(
                ".//div[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + option + "']")))).click();
        wait.until(d -> d.findElement(field).findElement(By.cssSelector(".fjs-select-display")).getText()
                .equals(option));
    }

    /** A form-js field by its label. */
    private static By formField(String label) {
        return By.xpath("//div[contains(@class,'fjs-form-field')][label[starts-with(normalize-space(),'" + label
                + "')]]");
    }

    private static boolean hasErrors(WebElement field) {
        return field.getDomAttribute("class").contains("fjs-has-errors");
    }

    private void complete() {
        wait.until(ExpectedConditions.elementToBeClickable(COMPLETE)).click();
    }

    /** Tasklist's error notifications lie over the form's buttons; close them, as a person would. */
    private void dismissErrorNotifications() {
        for (WebElement close : browser.findElements(By.cssSelector(
                ".notifications .alert-danger button.close[ng-click^='removeNotification']"))) {
            if (close.isDisplayed()) {
                close.click();
            }
        }
        wait.until(ExpectedConditions.invisibilityOfElementLocated(ERROR_NOTIFICATION));
    }

    /** Once completed, the task leaves the (searched) list and its form closes. */
    private void awaitTaskGone(long orderNumber) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'fjs-form')]//h1[normalize-space()='Verify order " + orderNumber + "']")));
        wait.until(ExpectedConditions.numberOfElementsToBe(VERIFY_TASKS, 0));
    }

    // ---- Browser -------------------------------------------------------------------------------

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.binary());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--user-data-dir=" + profile,
                "--window-size=1400,1100", "--lang=en-US");
        // The Camunda webapps choose their language from the browser's.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        ChromeDriver driver = new ChromeDriver(Chromium.driverService(), options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** A screenshot of a step worth looking at: target/browser-screenshots/{test}-{step}.png. */
    private void capture(String step) {
        save(testName + "-" + step, false);
    }

    private void screenshotOnFailure(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && browser != null) {
            save(testName + "-FAILED", true);
        }
    }

    private void save(String name, boolean withPageSource) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
            if (withPageSource) {
                Files.writeString(SCREENSHOTS.resolve(name + ".html"),
                        "<!-- " + browser.getCurrentUrl() + " -->\n" + browser.getPageSource(), StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            System.err.println("Could not save " + name + ": " + e);
        }
    }
}
