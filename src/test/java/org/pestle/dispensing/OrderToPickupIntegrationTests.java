package org.pestle.dispensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One order from the prescriber's API call to the pickup, through the real entry points only: Pestle's API,
 * Camunda's REST API (as Tasklist's users act, each with their own token), and Stripe's signed webhook, with
 * only Stripe and Twilio stood in.
 */
@IntegrationTest
class OrderToPickupIntegrationTests {

    static final UUID NALTREXONE_POWDER = UUID.fromString("00000000-0000-4000-8000-000000000105");
    static final UUID EXPIRED_DEMO_LOT = UUID.fromString("00000000-0000-4000-8000-000000000206");
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
    java.time.Clock clock;

    @org.springframework.beans.factory.annotation.Value("${pestle.time-zone}")
    java.time.ZoneId zone;

    Api api;

    @BeforeEach
    void init() {
        api = new Api(http);
        ProviderStandIns.server();
        ProviderStandIns.reset();
    }

    @Test
    void anOrderGoesFromThePrescribersRequestToThePickupThroughTheApis() throws Exception {
        UUID lot = lot("T-SCEN-" + UUID.randomUUID().toString().substring(0, 8), new BigDecimal("0.045"));
        JsonNode created = api.post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                Orders.line(Demo.NALTREXONE, 10, 30, 0))).json();
        UUID orderId = UUID.fromString(created.get("id").asText());
        long number = created.get("orderNumber").asLong();

        complete(Demo.PHARMACIST, task(Demo.PHARMACIST, number, "Task_VerifyPrescription"),
                Map.of("verificationDecision", "approve"));
        pay(orderId);
        awaitStatus(orderId, "PAID");

        String compound = task(Demo.TECHNICIAN, number, "Task_CompoundOrder");
        assertThat(api.post(Demo.TECHNICIAN, "/engine-rest/task/" + compound + "/claim",
                Map.of("userId", Demo.TECHNICIAN)).status()).isEqualTo(204);
        assertThat(status(orderId)).isEqualTo("COMPOUNDING");
        JsonNode draft = api.get(Demo.TECHNICIAN, "/api/orders/" + orderId + "/dispensing").json();
        assertThat(draft.at("/compoundings/0/status").asText()).isEqualTo("DRAFT");
        assertThat(draft.at("/compoundings/0/lots").findValuesAsText("lotId")).contains(lot.toString());

        List<Map<String, Object>> lots = new java.util.ArrayList<>();
        for (JsonNode use : draft.at("/compoundings/0/lots")) {
            lots.add(Map.of("itemId", use.get("itemId").asText(), "lotId", use.get("lotId").asText(),
                    "quantity", use.get("quantity").decimalValue()));
        }
        List<Map<String, Object>> withExpired = new java.util.ArrayList<>(lots);
        withExpired.set(0, Map.of("itemId", NALTREXONE_POWDER, "lotId", EXPIRED_DEMO_LOT, "quantity", 0.045));
        Api.Response refused = api.exchange(Demo.TECHNICIAN, HttpMethod.PUT,
                "/api/orders/" + orderId + "/dispensing/lines/1/lots", Map.of("lots", withExpired), Map.of());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType().toString()).contains("problem+json");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("lots[0].lotId");
        assertThat(refused.body()).contains("expired");
        assertThat(api.exchange(Demo.TECHNICIAN, HttpMethod.PUT, "/api/orders/" + orderId
                + "/dispensing/lines/1/lots", Map.of("lots", lots), Map.of()).status()).isEqualTo(200);

        complete(Demo.TECHNICIAN, compound, Map.of("compoundingConfirmed", true));
        assertThat(status(orderId)).isEqualTo("FINAL_CHECK");
        complete(Demo.PHARMACIST, task(Demo.PHARMACIST, number, "Task_FinalCheck"),
                Map.of("finalCheckDecision", "approve"));
        assertThat(status(orderId)).isEqualTo("READY");
        await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> jdbc.sql(
                "select count(*) from text_message where dedupe_key = ?").param("READY_FOR_PICKUP:" + orderId)
                .query(Integer.class).single()) == 1);

        complete(Demo.TECHNICIAN, task(Demo.TECHNICIAN, number, "Task_RecordPickup"), Map.of("pickedUpBy", "PATIENT"));

        JsonNode order = api.get(Demo.REYES, "/api/orders/" + orderId).json();
        assertThat(order.get("status").asText()).isEqualTo("PICKED_UP");
        assertThat(order.at("/lines/0/status").asText()).isEqualTo("DISPENSED");
        JsonNode dispensing = api.get(Demo.REYES, "/api/orders/" + orderId + "/dispensing").json();
        assertThat(dispensing.at("/compoundings/0/compoundedBy").asText()).isEqualTo(Demo.TECHNICIAN);
        assertThat(dispensing.at("/compoundings/0/checkedBy").asText()).isEqualTo(Demo.PHARMACIST);
        assertThat(dispensing.at("/compoundings/0/budDate").asText()).isNotBlank();
        assertThat(dispensing.at("/compoundings/0/controlNumber").asText()).isEqualTo("CR-" + number + "-1-1");
        assertThat(dispensing.at("/finalChecks/0/outcome").asText()).isEqualTo("APPROVED");
        assertThat(dispensing.at("/dispenses/0/pharmacist").asText()).isEqualTo(Demo.PHARMACIST);
        assertThat(dispensing.at("/dispenses/0/pickedUpBy").asText()).isEqualTo("PATIENT");
        assertThat(dispensing.at("/dispenses/0/pickupRecordedBy").asText()).isEqualTo(Demo.TECHNICIAN);
        assertThat(dispensing.at("/dispenses/0/lots").findValuesAsText("lotId")).contains(lot.toString());
        assertThat(api.get(Demo.OKAFOR, "/api/orders/" + orderId + "/dispensing").status())
                .as("a prescriber of another clinic").isEqualTo(404);
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(
                String.valueOf(number)).count()).isZero();
    }

    private UUID lot(String lotNumber, BigDecimal quantity) {
        UUID id = UUID.randomUUID();
        transactions.asSystem(() -> {
            jdbc.sql("""
                    insert into inventory_lot (id, item_id, lot_number, expires_on, supplier, received_on)
                    values (?, ?, ?, ?, 'Test Supplier', current_date - 30)""")
                    .params(id, NALTREXONE_POWDER, lotNumber, LocalDate.ofInstant(clock.instant(), zone).plusDays(1)).update();
            return jdbc.sql("insert into stock_movement (lot_id, kind, quantity, actor) values (?, 'RECEIVED', ?, 'system:test')")
                    .params(id, quantity).update();
        });
        return id;
    }

    /** The open task of the order as the user's Tasklist lists it through Camunda's REST API. */
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
        session.put("payment_intent", "pi_scenario_" + orderId.toString().substring(0, 8));
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
    }

    private String status(UUID orderId) {
        return api.get(Demo.REYES, "/api/orders/" + orderId).json().get("status").asText();
    }

    private void awaitStatus(UUID orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(orderId)).isEqualTo(status));
    }
}
