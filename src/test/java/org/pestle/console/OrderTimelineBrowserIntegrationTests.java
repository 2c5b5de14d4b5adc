package org.pestle.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Chromium;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.Orders;
import org.pestle.support.ProviderStandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One order's timeline on its page, in headless Chromium: an order that went to review, a question to the
 * prescriber and its answer, the approval, a declined clinic card and billing staff's switch to the invoice
 * shows every step in time order with who did it. Only Stripe and Twilio are stood in.
 */
@IntegrationTest
class OrderTimelineBrowserIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MutableClock clock;

    @Autowired
    ProcessEngine engine;

    @Autowired
    ApprovedOrders users;

    Api api;

    @BeforeEach
    void declineTheClinicsCard() {
        api = new Api(http);
        ProviderStandIns.reset();
        ProviderStandIns.server().stubFor(post(urlPathEqualTo("/v1/payment_intents")).atPriority(1)
                .withRequestBody(containing("payment_method=pm_card_chargeDeclined"))
                .willReturn(aResponse().withStatus(402).withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                                   "message": "Your card has insufficient funds."}}""")));
    }

    @AfterEach
    void standInsAsShipped() {
        ProviderStandIns.reset();
    }

    @Test
    void reviewClarificationApprovalDeclineAndInvoiceShowInOrderWithTheirActors() throws IOException {
        var created = api.post(Demo.HALE, "/api/orders",
                Orders.order(Demo.SUMMIT, Demo.PATIENT_SUMMIT, Orders.line(Demo.NALTREXONE)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        long number = created.json().get("orderNumber").asLong();

        Task verify = task(number, "Task_VerifyPrescription");
        users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(verify.getId(),
                Map.of("verificationDecision", "clarify", "clarificationQuestion", "CONFIRM_STRENGTH")));
        Task answer = task(number, "Task_AnswerClarification");
        users.as(Demo.HALE, "prescribers", () -> engine.getTaskService().complete(answer.getId(),
                Map.of("clarificationAnswer", "CONFIRMED_AS_WRITTEN")));
        Task again = task(number, "Task_VerifyPrescription");
        users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(again.getId(),
                Map.of("verificationDecision", "approve")));
        Task resolve = task(number, "Task_ResolvePayment");
        users.as(Demo.ADMIN, "pharmacy-admins", () -> engine.getTaskService().complete(resolve.getId(),
                Map.of("billingDecision", "SWITCH_TO_INVOICE")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get(Demo.HALE, "/api/orders/" + id).json().path("status").asText().equals("PAID"));

        try (Chromium chromium = Chromium.signedIn(port, clock, Demo.PHARMACIST)) {
            chromium.open("/console/orders/" + id);
            List<WebElement> entries = chromium.browser().findElements(By.cssSelector("ol.timeline li"));
            List<String> steps = entries.stream().map(WebElement::getText).toList();
            // The audit trail's times come from its own clock (the database's, kept monotonic along the chain;
            // another test of this suite moves its head an hour ahead), Camunda's from the engine's: each source
            // is checked in its own order, the timeline holds them all.
            List<String> told = entries.stream().filter(e -> "audit".equals(e.getDomAttribute("data-source")))
                    .map(WebElement::getText).toList();
            List<String> done = entries.stream().filter(e -> !"audit".equals(e.getDomAttribute("data-source")))
                    .map(WebElement::getText).toList();
            String n = "order #" + number;
            assertInOrder(told,
                    "Dr. Hale submitted " + n,
                    "Dana (pharmacist) approved " + n,
                    "The payment for " + n + " failed (insufficient funds)",
                    "Order #" + number + " went onto Summit Wellness Center's invoice");
            assertInOrder(done,
                    "Check order eligibility (eligibility: accept",
                    "Question to the prescriber: confirm strength · pharmacist",
                    "Verify prescription: done (clarification question: CONFIRM_STRENGTH; verification decision: clarify) · pharmacist",
                    "The prescriber answered: confirmed as written · dr.hale",
                    "Answer pharmacist's question: done (clarification answer: CONFIRMED_AS_WRITTEN) · dr.hale",
                    "Verify prescription: done (verification decision: approve) · pharmacist",
                    "Route payment (payment route reason: Clinic pays every order: card on file; payment route: CLINIC_CARD)",
                    "Charge the clinic's card (card captured: false)",
                    "Resolve payment: done (billing decision: SWITCH_TO_INVOICE) · admin",
                    "Add to the clinic's monthly invoice",
                    "Order paid",
                    "Compound order: waiting");
            assertThat(steps).hasSize(told.size() + done.size());
            chromium.screenshot("order-timeline.png");
        }
    }

    /** Each expected step is in the timeline (an entry starting with it, after the time), after the one before. */
    private static void assertInOrder(List<String> timeline, String... expected) {
        int from = 0;
        for (String step : expected) {
            int found = -1;
            for (int i = from; i < timeline.size(); i++) {
                if (timeline.get(i).contains(step)) {
                    found = i;
                    break;
                }
            }
            assertThat(found).as("'%s' after entry %d in%n%s", step, from, String.join("\n", timeline))
                    .isGreaterThanOrEqualTo(0);
            from = found + 1;
        }
    }

    private Task task(long orderNumber, String key) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(orderNumber)).taskDefinitionKey(key).singleResult(),
                t -> t != null);
    }
}
