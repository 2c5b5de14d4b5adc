package org.pestle.payments.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.Stripe;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.ApprovedOrders.Approved;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.TestDatabase;
import org.pestle.support.MutableClock;
import org.pestle.support.Transactions;
import org.pestle.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/payment.bpmn through the real entry points: orders submitted and approved through the
 * API and Tasklist's engine calls, Stripe and Twilio stood in by WireMock, webhooks signed exactly as
 * Stripe and Twilio sign them and posted to Pestle's webhook endpoints.
 */
@IntegrationTest
class PaymentProcessIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Transactions transactions;

    @Autowired
    ApprovedOrders approvedOrders;

    @Autowired
    org.pestle.patients.Patients patients;

    @Autowired
    MutableClock clock;

    Api api;
    WireMockServer stripeAndTwilio;

    @BeforeEach
    void init() {
        api = new Api(http);
        stripeAndTwilio = ProviderStandIns.server();
        ProviderStandIns.reset();
        transactions.asSystem(() -> jdbc.sql("delete from sms_consent").update()
                + jdbc.sql("delete from sms_number_opt_out").update());
    }

    @AfterEach
    void restoreClinics() {
        transactions.asSystem(() -> jdbc.sql("update clinic set patient_self_pay_enabled = true where id = ?")
                .param(Demo.NORTHSIDE).update());
    }

    @Test
    void patientPaysThroughTheTextedLinkAndTheOrderIsPaid() {
        Approved order = approveNorthsideOrder();
        Payment payment = awaitCheckout(order);

        assertThat(payment.route().name()).isEqualTo("SELF_PAY");
        assertThat(payment.amountCents()).isEqualTo(30 * 95);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(textsFor(payment)).isNotEmpty());
        String text = textsFor(payment).get(0);
        assertThat(text).startsWith("Mortar & Pestle Compounding Pharmacy: your order is ready for payment.")
                .doesNotContain("Wilson").doesNotContain("Naltrexone");
        String link = text.substring(text.indexOf(ProviderStandIns.PUBLIC_BASE_URL) + ProviderStandIns.PUBLIC_BASE_URL.length());
        var redirect = new WebSession(port, clock).get(link.split("\\s")[0]);
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location")).contains(payment.checkoutUrl());

        assertThat(webhook(completed(payment, "pi_selfpay_" + order.number()))).isEqualTo(200);

        awaitOrderStatus(order, "PAID");
        // the paid order waits in the compounding queue
        await().atMost(Duration.ofSeconds(30)).until(() -> engine
                .getTaskService().createTaskQuery().processInstanceBusinessKey(String.valueOf(order.number()))
                .taskDefinitionKey("Task_CompoundOrder").count() == 1);
        Payment paid = payment(order);
        assertThat(paid.status()).isEqualTo(Payment.Status.CAPTURED);
        assertThat(paid.paymentIntentId()).isEqualTo("pi_selfpay_" + order.number());
        assertThat(paid.cardBrand()).isEqualTo("mastercard");
        assertThat(paid.cardLast4()).isEqualTo("4444");
        var view = api.get(Demo.REYES, "/api/orders/" + order.id() + "/payment").json();
        assertThat(view.get("status").asText()).isEqualTo("CAPTURED");
        assertThat(view.has("cardLast4")).as("a prescriber may not see payment details").isFalse();

        Map<String, Object> captured = audited("payment.captured", payment.id());
        assertThat(captured.get("actor")).isEqualTo("system:payment-process");
        assertThat(captured.get("patient_id")).isEqualTo(Demo.PATIENT_NORTHSIDE);
        assertThat(captured.get("clinic_id")).isEqualTo(Demo.NORTHSIDE);
        assertThat(captured.get("organization_id")).isNotNull();
        assertThat((String) captured.get("details")).contains("\"amountCents\": 2850", "\"route\": \"SELF_PAY\"",
                order.id().toString(), "\"orderNumber\": " + order.number());
        assertThat(audited("order.paid", order.id()).get("patient_id")).isEqualTo(Demo.PATIENT_NORTHSIDE);

        WebSession billing = new WebSession(port, clock);
        billing.signIn(Demo.ADMIN);
        String page = billing.get("/console/orders/" + order.id()).body();
        assertThat(page).contains("<h3>Payment</h3>", "CAPTURED", "$28.50", "mastercard ending 4444");
    }

    @Test
    void aFailedPaymentTextsARetryLinkAndALaterSuccessPays() {
        Approved order = approveNorthsideOrder();
        Payment first = awaitCheckout(order);

        assertThat(webhook(event("checkout.session.async_payment_failed", first.checkoutSessionId(), first, null,
                "unpaid"))).isEqualTo(200);

        Payment afterFailure = payment(order);
        assertThat(afterFailure.status()).isEqualTo(Payment.Status.OPEN);
        assertThat(afterFailure.attempt()).isEqualTo(2);
        assertThat(afterFailure.checkoutSessionId()).as("the failed session is not offered again").isNull();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(textsFor(first)).anySatisfy(body -> assertThat(body).contains("did not go through")));

        String newSession = new WebSession(port, clock).get("/pay/" + token(afterFailure)).headers().firstValue("Location")
                .orElseThrow();
        assertThat(newSession).contains("checkout-2");
        Payment second = payment(order);
        assertThat(webhook(completed(second, "pi_second_" + order.number()))).isEqualTo(200);

        awaitOrderStatus(order, "PAID");
        assertThat(payment(order).paymentIntentId()).isEqualTo("pi_second_" + order.number());
    }

    @Test
    void theSameWebhookTwiceMakesOnePayment() {
        Approved order = approveNorthsideOrder();
        Payment payment = awaitCheckout(order);
        String event = completed(payment, "pi_twice_" + order.number());

        assertThat(webhook(event)).isEqualTo(200);
        assertThat(webhook(event)).isEqualTo(200);

        awaitOrderStatus(order, "PAID");
        assertThat(eventsOf(payment)).isEqualTo(1);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .activityId("Task_RecordSelfPayment").processInstanceId(payment.processInstanceId()).count())
                .isEqualTo(1);
    }

    @Test
    void anOldFailureArrivingAfterTheSuccessChangesNothing() {
        Approved order = approveNorthsideOrder();
        Payment payment = awaitCheckout(order);

        assertThat(webhook(completed(payment, "pi_order_" + order.number()))).isEqualTo(200);
        assertThat(webhook(event("checkout.session.async_payment_failed", payment.checkoutSessionId(), payment, null,
                "unpaid"))).isEqualTo(200);

        awaitOrderStatus(order, "PAID");
        assertThat(payment(order).status()).isEqualTo(Payment.Status.CAPTURED);
        // The failure may have come while Task_RecordSelfPayment held the payment: then it was kept and
        // looked at once the payment was free.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(transactions.asSystem(() -> jdbc.sql(
                "select status || ':' || coalesce(outcome, '') from stripe_event where payment_id = ? order by received_at")
                .param(payment.id()).query(String.class).list())).containsExactly("APPLIED:CAPTURED",
                        "IGNORED:PAYMENT_CAPTURED"));
        assertThat(payment(order).status()).isEqualTo(Payment.Status.CAPTURED);
        assertThat(payment(order).failureCode()).isNull();
    }

    @Test
    void aSuccessThatArrivesBeforeTheProcessWaitsIsKeptAndAppliedWhenItWaits() {
        // Stripe is slow to answer the Checkout Session call: the process is still in Task_OpenCheckout
        // (holding its payment) when the webhook for that session comes in.
        stripeAndTwilio.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).atPriority(1).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withFixedDelay(6000)
                .withBody("""
                        {"id": "cs_test_early", "object": "checkout.session", "status": "open",
                         "url": "https://checkout.stripe.test/c/pay/cs_test_early", "expires_at": %d}"""
                        .formatted(Instant.now().plusSeconds(3600).getEpochSecond()))));
        Approved order = approveNorthsideOrder();
        await().atMost(Duration.ofSeconds(20)).until(() -> stripeAndTwilio.findAll(
                postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))).size() == 1);
        Payment routed = payment(order);
        assertThat(engine.getRuntimeService().createEventSubscriptionQuery()
                .processInstanceId(routed.processInstanceId()).count()).as("the process does not wait yet").isZero();

        assertThat(webhook(event("checkout.session.completed", "cs_test_early", routed, "pi_early", "paid")))
                .isEqualTo(200);
        assertThat(earlyEvent()).isEqualTo("PENDING:");
        assertThat(payment(order).status()).isEqualTo(Payment.Status.OPEN);

        awaitOrderStatus(order, "PAID");
        assertThat(earlyEvent()).isEqualTo("APPLIED:CAPTURED");
        assertThat(payment(order).checkoutSessionId()).isEqualTo("cs_test_early");
        assertThat(payment(order).paymentIntentId()).isEqualTo("pi_early");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(routed.processInstanceId()).activityId("Event_PaymentSucceeded").finished().count())
                .isEqualTo(1);
    }

    private String earlyEvent() {
        return transactions.asSystem(() -> jdbc.sql(
                "select status || ':' || coalesce(outcome, '') from stripe_event where object_id = 'cs_test_early'")
                .query(String.class).single());
    }

    @Test
    void aBadSignatureIsRefusedAndChangesNothing() {
        Approved order = approveNorthsideOrder();
        Payment payment = awaitCheckout(order);
        String event = completed(payment, "pi_forged");
        long now = Instant.now().getEpochSecond();

        assertThat(postWebhook(event, ProviderStandIns.stripeSignature(event, "whsec_someone_else", now))).isEqualTo(400);
        assertThat(postWebhook(event.replace("pi_forged", "pi_tampered"),
                ProviderStandIns.stripeSignature(event, ProviderStandIns.STRIPE_WEBHOOK_SECRET, now))).isEqualTo(400);
        assertThat(postWebhook(event, null)).isEqualTo(400);

        assertThat(eventsOf(payment)).isZero();
        assertThat(payment(order).status()).isEqualTo(Payment.Status.OPEN);
    }

    @Test
    void aReplayedOldTimestampIsRefusedButThePreviousSecretStillWorksDuringRotation() {
        Approved order = approveNorthsideOrder();
        Payment payment = awaitCheckout(order);
        String event = completed(payment, "pi_rotated_" + order.number());

        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();
        assertThat(postWebhook(event, ProviderStandIns.stripeSignature(event, ProviderStandIns.STRIPE_WEBHOOK_SECRET,
                sixMinutesAgo))).isEqualTo(400);
        assertThat(payment(order).status()).isEqualTo(Payment.Status.OPEN);

        assertThat(postWebhook(event, ProviderStandIns.stripeSignature(event, ProviderStandIns.STRIPE_WEBHOOK_SECRET_PREVIOUS,
                Instant.now().getEpochSecond()))).isEqualTo(200);
        awaitOrderStatus(order, "PAID");
    }

    @Test
    void theReminderTextsTheLinkAgainAndExpiryCancelsTheOrderWithAReason() {
        Approved order = approveNorthsideOrder();
        Payment payment = awaitCheckout(order);
        Map<String, Object> variables = engine.getRuntimeService().getVariables(payment.processInstanceId());
        Instant reminderAt = ((java.util.Date) variables.get("reminderAt")).toInstant();
        Instant expiresAt = ((java.util.Date) variables.get("expiresAt")).toInstant();
        assertThat(Duration.between(Instant.now(), reminderAt)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofDays(6).plusHours(23),
                Duration.ofDays(7));

        execute(timer(payment, "Event_ReminderDue"));
        assertThat(transactions.asSystem(() -> jdbc.sql(
                "select count(*) from text_message where purpose = 'PAY_REMINDER' and dedupe_key like ?")
                .param("%" + payment.id() + "%").query(Integer.class).single())).isEqualTo(1);

        execute(timer(payment, "Event_PaymentExpired"));
        // Task_ExpirePayment is an asynchronous continuation: the job executor runs it.

        awaitOrderStatus(order, "CANCELLED");
        assertThat(api.get(Demo.REYES, "/api/orders/" + order.id()).json().get("statusReason").asText())
                .isEqualTo("Cancelled: PAYMENT_EXPIRED");
        assertThat(payment(order).status()).isEqualTo(Payment.Status.EXPIRED);
        Map<String, Object> cancelled = audited("order.cancelled", order.id());
        assertThat(cancelled.get("actor")).isEqualTo("system:payment");
        assertThat(cancelled.get("patient_id")).isEqualTo(Demo.PATIENT_NORTHSIDE);
        assertThat((String) cancelled.get("details")).contains("\"reason\": \"PAYMENT_EXPIRED\"");
        stripeAndTwilio.verify(1, postRequestedFor(urlMatching("/v1/checkout/sessions/.+/expire")));
    }

    @Test
    void aDeclinedClinicCardBecomesABillingTaskThatCanSwitchToTheInvoice() {
        stripeAndTwilio.stubFor(post(urlPathEqualTo("/v1/payment_intents")).atPriority(1)
                .withRequestBody(containing("payment_method=pm_card_chargeDeclined"))
                .willReturn(aResponse().withStatus(402).withHeader("Content-Type", "application/json").withBody("""
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                                   "message": "Your card has insufficient funds."}}""")));
        Approved order = approve(Demo.HALE, Demo.SUMMIT, Demo.PATIENT_SUMMIT);

        Task task = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(order.number())).taskDefinitionKey("Task_ResolvePayment")
                .singleResult(), t -> t != null);
        assertThat(payment(order).status()).isEqualTo(Payment.Status.DECLINED);
        assertThat(payment(order).failureCode()).isEqualTo("insufficient_funds");
        Map<String, Object> failed = audited("payment.failed", payment(order).id());
        assertThat(failed.get("outcome")).isEqualTo("failed");
        assertThat(failed.get("patient_id")).isEqualTo(Demo.PATIENT_SUMMIT);
        assertThat(failed.get("clinic_id")).isEqualTo(Demo.SUMMIT);
        assertThat((String) failed.get("details")).contains("\"failureCode\": \"insufficient_funds\"",
                "\"route\": \"CLINIC_CARD\"");
        assertThat(engine.getTaskService().getIdentityLinksForTask(task.getId()))
                .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("pharmacy-admins"));

        approvedOrders.as(Demo.ADMIN, "pharmacy-admins", () -> engine.getTaskService().complete(task.getId(),
                Map.of("billingDecision", "SWITCH_TO_INVOICE")));

        awaitOrderStatus(order, "PAID");
        assertThat(payment(order).status()).isEqualTo(Payment.Status.INVOICED);
        Map<String, Object> invoiced = audited("payment.invoiced", payment(order).id());
        assertThat(invoiced.get("patient_id")).isEqualTo(Demo.PATIENT_SUMMIT);
        assertThat((String) invoiced.get("details")).contains("billingMonth", "amountCents");
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        var statement = api.get(Demo.ADMIN, "/api/clinics/" + Demo.SUMMIT + "/statements/" + month).json();
        assertThat(statement.get("orders").findValuesAsText("orderNumber")).contains(String.valueOf(order.number()));
    }

    @Test
    void cancellingAPaidOrderRefundsItOnce() {
        Approved order = approveNorthsideOrder();
        Payment payment = awaitCheckout(order);
        webhook(completed(payment, "pi_refund_" + order.number()));
        awaitOrderStatus(order, "PAID");

        var cancelled = api.post(Demo.REYES, "/api/orders/" + order.id() + "/cancel", Map.of("reason", "PATIENT_REQUEST"));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(api.post(Demo.REYES, "/api/orders/" + order.id() + "/cancel", Map.of("reason", "PATIENT_REQUEST"))
                .status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> payment(order).status() == Payment.Status.REFUNDED);
        Map<String, Object> cancellation = audited("order.cancelled", order.id());
        assertThat(cancellation.get("actor")).isEqualTo(Demo.REYES);
        assertThat(cancellation.get("patient_id")).isEqualTo(Demo.PATIENT_NORTHSIDE);
        assertThat((String) cancellation.get("details")).contains("\"reason\": \"PATIENT_REQUEST\"",
                "\"previousStatus\": \"PAID\"");
        Map<String, Object> refunded = audited("payment.refunded", payment.id());
        assertThat(refunded.get("actor")).isEqualTo("system:refunds");
        assertThat(refunded.get("patient_id")).isEqualTo(Demo.PATIENT_NORTHSIDE);
        assertThat((String) refunded.get("details")).contains("\"amountCents\": 2850", "stripeRefundId");
        stripeAndTwilio.verify(1, postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=pi_refund_" + order.number())));
        assertThat(payment(order).refundId()).isEqualTo("re_pestle-payment-" + payment.id() + "-refund-1"
                .replace("-refund-1", "-refund"));
    }

    @Test
    void aPatientWhoTextsStopGetsNoFurtherTexts() {
        Approved order = approveNorthsideOrder();
        Payment payment = awaitCheckout(order);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                textStatus("PAY_LINK:" + payment.id() + ":1")).startsWith("SENT:"));
        assertThat(textsFor(payment)).hasSize(1);

        // The patient's number as the patients module has it now (other tests may have changed it).
        String number = transactions.asSystem(() -> patients.smsNumber(Demo.PATIENT_NORTHSIDE)).orElseThrow();
        Map<String, String> stop = Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "From", number, "To", "+15005550006", "Body", "Stop ");
        var reply = twilio("/webhooks/twilio/inbound", stop, true);
        assertThat(reply.getStatusCode().value()).isEqualTo(200);
        assertThat(reply.getBody()).contains("unsubscribed");
        assertThat(transactions.asSystem(() -> jdbc.sql("select opted_out from sms_consent where patient_id = ?")
                .param(Demo.PATIENT_NORTHSIDE).query(Boolean.class).single())).isTrue();

        execute(timer(payment, "Event_ReminderDue"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                textStatus("PAY_REMINDER:" + payment.id() + ":1")).isEqualTo("SUPPRESSED:OPTED_OUT"));
        assertThat(textsFor(payment)).as("only the pay link sent before STOP reached Twilio").hasSize(1)
                .allSatisfy(body -> assertThat(body).contains("ready for payment"));

        Map<String, String> start = Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "From", number, "To", "+15005550006", "Body", "START");
        assertThat(twilio("/webhooks/twilio/inbound", start, true).getBody()).contains("subscribed again");
        assertThat(twilio("/webhooks/twilio/inbound", start, false).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aCrashBetweenTheStripeCallAndTheCommitChargesOnceOnRetry() throws Exception {
        assertThat(transactions.asSystem(() -> jdbc.sql(
                "update clinic set patient_self_pay_enabled = false where id = ?").param(Demo.NORTHSIDE).update()))
                .isEqualTo(1);
        try (Connection owner = DriverManager.getConnection(TestDatabase.get().url(), TestDatabase.OWNER.username(),
                TestDatabase.OWNER.password()); Statement sql = owner.createStatement()) {
            sql.execute("""
                    create or replace function test_crash_before_commit() returns trigger language plpgsql as $$
                    begin raise exception 'simulated crash after the Stripe call'; end $$""");
            sql.execute("""
                    create trigger test_crash_before_commit before update on payment for each row
                    when (new.status = 'CAPTURED') execute function test_crash_before_commit()""");
            Approved order = approveNorthsideOrder();
            Job charge = await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> ledger.forOrder(order.id()))
                    .map(p -> engine.getManagementService().createJobQuery().processInstanceId(p.processInstanceId())
                            .activityId("Task_ChargeClinicCard").withException().singleResult()).orElse(null),
                    j -> j != null);
            assertThat(payment(order).status()).isEqualTo(Payment.Status.OPEN);

            sql.execute("drop trigger test_crash_before_commit on payment");
            execute(charge);

            awaitOrderStatus(order, "PAID");
            List<LoggedRequest> charges = stripeAndTwilio.findAll(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                    .withRequestBody(containing(payment(order).id().toString())));
            assertThat(charges).hasSize(2);
            assertThat(charges).extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(
                    "pestle-payment-" + payment(order).id() + "-card-1");
            assertThat(charges.get(0).getBodyAsString()).contains("off_session=true", "confirm=true");
            assertThat(payment(order).paymentIntentId()).isEqualTo("pi_pestle-payment-" + payment(order).id() + "-card-1");
        } finally {
            try (Connection owner = DriverManager.getConnection(TestDatabase.get().url(), TestDatabase.OWNER.username(),
                    TestDatabase.OWNER.password()); Statement sql = owner.createStatement()) {
                sql.execute("drop trigger if exists test_crash_before_commit on payment");
            }
        }
    }

    // ---- helpers ----

    private Approved approveNorthsideOrder() {
        return approve(Demo.REYES, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE);
    }

    private Approved approve(String prescriber, UUID clinic, UUID patient) {
        return approvedOrders.approve(prescriber, clinic, patient);
    }

    private Payment awaitCheckout(Approved order) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> ledger.forOrder(
                order.id())).orElse(null),
                p -> p != null && p.checkoutSessionId() != null && engine.getRuntimeService().createEventSubscriptionQuery()
                        .processInstanceId(p.processInstanceId()).eventName("PaymentSucceeded").count() == 1);
    }

    @Autowired
    PaymentLedger ledger;

    @Autowired
    PayLinks payLinks;

    /** The latest audit record of this action on this entity. */
    private Map<String, Object> audited(String action, UUID entityId) {
        return transactions.asSystem(() -> jdbc.sql("""
                select actor, outcome, patient_id, clinic_id, organization_id, details::text as details
                from audit_record where action = ? and entity_id = ? order by seq desc limit 1""")
                .params(action, entityId.toString()).query().singleRow());
    }

    private Payment payment(Approved order) {
        return transactions.asSystem(() -> ledger.forOrder(order.id())).orElseThrow();
    }

    private int eventsOf(Payment payment) {
        return transactions.asSystem(() -> jdbc.sql("select count(*) from stripe_event where payment_id = ?")
                .param(payment.id()).query(Integer.class).single());
    }

    private String textStatus(String dedupeKey) {
        return transactions.asSystem(() -> jdbc.sql(
                "select status || ':' || coalesce(status_reason, '') from text_message where dedupe_key = ?")
                .param(dedupeKey).query(String.class).single());
    }

    private String token(Payment payment) {
        return payLinks.token(payment.id(), Instant.now().plusSeconds(3600));
    }

    private void awaitOrderStatus(Approved order, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get(order.prescriber(), "/api/orders/" + order.id()).json().path("status").asText())
                .isEqualTo(status));
    }

    private Job timer(Payment payment, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(payment.processInstanceId())
                .timers().activityId(activityId).singleResult();
    }

    private void execute(Job job) {
        assertThat(job).isNotNull();
        engine.getManagementService().executeJob(job.getId());
    }

    /** The texts Twilio received with a pay link of this payment. */
    private List<String> textsFor(Payment payment) {
        return textsContaining("/pay/").stream().filter(body -> payLinks.verify(
                body.substring(body.indexOf("/pay/") + 5).split("\\s")[0], Instant.now()).filter(payment.id()::equals)
                .isPresent()).toList();
    }

    private List<String> textsContaining(String text) {
        return stripeAndTwilio.findAll(postRequestedFor(urlMatching("/2010-04-01/Accounts/.+/Messages.json"))).stream()
                .map(r -> r.formParameter("Body").firstValue()).filter(body -> body.contains(text)).toList();
    }

    private String completed(Payment payment, String paymentIntent) {
        return event("checkout.session.completed", payment.checkoutSessionId(), payment, paymentIntent, "paid");
    }

    private String event(String type, String sessionId, Payment payment, String paymentIntent, String paymentStatus) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", sessionId);
        session.put("object", "checkout.session");
        session.put("payment_status", paymentStatus);
        session.put("payment_intent", paymentIntent);
        session.put("customer_details", Map.of("email", "patient@example.test", "name", "Synthetic Patient"));
        session.put("metadata", Map.of("payment_id", payment.id().toString(), "order_id", payment.orderId().toString()));
        try {
            return JSON.writeValueAsString(Map.of("id", "evt_" + UUID.randomUUID().toString().replace("-", ""),
                    "object", "event", "api_version", Stripe.API_VERSION, "created", Instant.now().getEpochSecond(),
                    "type", type, "livemode", false, "data", Map.of("object", session)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int webhook(String payload) {
        return postWebhook(payload, ProviderStandIns.stripeSignature(payload, ProviderStandIns.STRIPE_WEBHOOK_SECRET,
                Instant.now().getEpochSecond()));
    }

    private int postWebhook(String payload, String signature) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (signature != null) {
            headers.add("Stripe-Signature", signature);
        }
        return http.postForEntity("/webhooks/stripe", new HttpEntity<>(payload, headers), String.class)
                .getStatusCode().value();
    }

    private ResponseEntity<String> twilio(String path, Map<String, String> params, boolean signed) {
        return ProviderStandIns.postTwilioWebhook(http, path, params, signed);
    }
}
