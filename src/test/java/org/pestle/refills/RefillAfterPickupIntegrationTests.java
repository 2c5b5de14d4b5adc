package org.pestle.refills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.patients.Patients;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Orders;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's refill walk-through through the real entry points: an order with refills goes from the prescriber's
 * API call to the pickup (Pestle's API, Camunda's REST API as Tasklist's users act, Stripe's signed webhook); the
 * pickup starts the line's refill reminder; the operator fires its timer through Camunda's REST API; the reminder
 * is in the outbox; the patient's signed YES (Twilio's webhook) places the refill order, which reaches the
 * pharmacist's queue. Only Stripe and Twilio are stood in.
 */
@IntegrationTest
class RefillAfterPickupIntegrationTests {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @Autowired
    ProcessEngine engine;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Patients patients;

    Api api;

    @BeforeEach
    void init() {
        api = new Api(http);
        ProviderStandIns.server();
        ProviderStandIns.reset();
        transactions.asSystem(() -> jdbc.sql("delete from sms_consent").update()
                + jdbc.sql("delete from sms_number_opt_out").update());
    }

    @Test
    void aPickedUpLineWithRefillsIsRemindedAndTheSignedYesPlacesARefillOrderInThePharmacistsQueue() throws Exception {
        JsonNode created = api.post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                Orders.line(Demo.NALTREXONE, 10, 30, 2))).json();
        UUID orderId = UUID.fromString(created.get("id").asText());
        long number = created.get("orderNumber").asLong();
        pickedUp(orderId, number);

        Map<String, Object> refill = await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() ->
                jdbc.sql("select id, refill_number, refills_left, state, process_instance_id from refill "
                        + "where dispensed_order_id = ?").param(orderId).query().listOfRows().stream().findFirst()
                        .orElse(null)), r -> r != null);
        assertThat(refill).containsEntry("refill_number", 1).containsEntry("refills_left", 2)
                .containsEntry("state", "SCHEDULED");
        UUID refillId = (UUID) refill.get("id");

        // The operator fires the reminder's timer, as the README shows, through Camunda's REST API.
        Job timer = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getManagementService().createJobQuery()
                .processInstanceId((String) refill.get("process_instance_id")).timers()
                .activityId("Event_ReminderDue").singleResult(), j -> j != null);
        assertThat(timer.getDuedate().toInstant()).isAfter(Instant.now());
        assertThat(api.post(Demo.OPERATOR, "/engine-rest/job/" + timer.getId() + "/execute", Map.of()).status())
                .isEqualTo(204);

        String dedupeKey = "REFILL_REMINDER:" + refillId + ":1";
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(transactions.asSystem(() -> jdbc.sql(
                "select status from text_message where dedupe_key = ?").param(dedupeKey).query(String.class)
                .optional().orElse(null))));
        String number1 = transactions.asSystem(() -> patients.smsNumber(Demo.PATIENT_NORTHSIDE)).orElseThrow();
        var yes = ProviderStandIns.postTwilioWebhook(http, "/webhooks/twilio/inbound", Map.of("MessageSid",
                "SM" + UUID.randomUUID().toString().replace("-", ""), "From", number1, "To", "+15005550006",
                "Body", "YES"), true);
        assertThat(yes.getBody()).contains("your refill request is with the pharmacist");

        UUID refillOrder = await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> jdbc.sql(
                "select refill_order_id from refill where id = ?").param(refillId).query(UUID.class).optional()
                .orElse(null)), id -> id != null);
        long refillNumber = api.get(Demo.REYES, "/api/orders/" + refillOrder).json().get("orderNumber").asLong();
        String review = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode tasks = api.get(Demo.PHARMACIST, "/engine-rest/task?processInstanceBusinessKey=" + refillNumber
                    + "&taskDefinitionKey=Task_VerifyPrescription").json();
            return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        }, id -> id != null);
        assertThat(review).isNotBlank();
        assertThat(api.get(Demo.REYES, "/api/orders/" + refillOrder).json().get("status").asText())
                .isEqualTo("IN_REVIEW");
    }

    private void pickedUp(UUID orderId, long number) throws Exception {
        complete(Demo.PHARMACIST, task(Demo.PHARMACIST, number, "Task_VerifyPrescription"),
                Map.of("verificationDecision", "approve"));
        pay(orderId);
        String compound = task(Demo.TECHNICIAN, number, "Task_CompoundOrder");
        assertThat(api.post(Demo.TECHNICIAN, "/engine-rest/task/" + compound + "/claim",
                Map.of("userId", Demo.TECHNICIAN)).status()).isEqualTo(204);
        complete(Demo.TECHNICIAN, compound, Map.of("compoundingConfirmed", true));
        complete(Demo.PHARMACIST, task(Demo.PHARMACIST, number, "Task_FinalCheck"),
                Map.of("finalCheckDecision", "approve"));
        complete(Demo.TECHNICIAN, task(Demo.TECHNICIAN, number, "Task_RecordPickup"), Map.of("pickedUpBy", "PATIENT"));
        assertThat(api.get(Demo.REYES, "/api/orders/" + orderId).json().get("status").asText())
                .isEqualTo("PICKED_UP");
    }

    private String task(String user, long number, String key) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode tasks = api.get(user, "/engine-rest/task?processInstanceBusinessKey=" + number
                    + "&taskDefinitionKey=" + key).json();
            return tasks.size() == 1 ? tasks.get(0).get("id").asText() : null;
        }, id -> id != null);
    }

    private void complete(String user, String taskId, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        Api.Response response = api.post(user, "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", variables));
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    /** The patient pays on Stripe's page: Stripe sends its signed checkout.session.completed webhook. */
    private void pay(UUID orderId) throws Exception {
        Map<String, Object> payment = await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() ->
                jdbc.sql("select id, checkout_session_id, process_instance_id from payment where order_id = ?")
                        .param(orderId).query().listOfRows().stream().findFirst().orElse(null)),
                p -> p != null && p.get("checkout_session_id") != null && engine.getRuntimeService()
                        .createEventSubscriptionQuery().processInstanceId((String) p.get("process_instance_id"))
                        .eventName("PaymentSucceeded").count() == 1);
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", payment.get("checkout_session_id"));
        session.put("object", "checkout.session");
        session.put("payment_status", "paid");
        session.put("payment_intent", "pi_refill_" + orderId.toString().substring(0, 8));
        session.put("metadata", Map.of("payment_id", payment.get("id").toString(), "order_id", orderId.toString()));
        String event = JSON.writeValueAsString(Map.of("id", "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "object", "event", "api_version", Stripe.API_VERSION, "created", Instant.now().getEpochSecond(),
                "type", "checkout.session.completed", "livemode", false, "data", Map.of("object", session)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add("Stripe-Signature", ProviderStandIns.stripeSignature(event, ProviderStandIns.STRIPE_WEBHOOK_SECRET,
                Instant.now().getEpochSecond()));
        assertThat(http.postForEntity("/webhooks/stripe", new HttpEntity<>(event, headers), String.class)
                .getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "PAID".equals(api.get(Demo.REYES, "/api/orders/" + orderId)
                .json().get("status").asText()) || "COMPOUNDING".equals(api.get(Demo.REYES, "/api/orders/" + orderId)
                .json().get("status").asText()));
    }

}
