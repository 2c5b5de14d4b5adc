package org.pestle.dispensing.internal;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.Orders;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.Transactions;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Orders that reach compounding, and the stock they are made from, for the fulfillment tests. Naltrexone
 * 4.5 mg capsules take 0.0045 g of naltrexone powder (item {@link #NALTREXONE_POWDER}) per capsule, so an order
 * of 10 takes 0.045 g; a test's own lot expiring tomorrow is proposed before every demo lot.
 */
@Component
class FulfillmentSteps {

    static final UUID NALTREXONE_POWDER = UUID.fromString("00000000-0000-4000-8000-000000000105");
    static final BigDecimal POWDER_FOR_TEN = new BigDecimal("0.045");

    private final ProcessEngine engine;
    private final Transactions transactions;
    private final ApprovedOrders approvedOrders;
    private final JdbcClient jdbc;
    private final TestRestTemplate http;
    private final Clock clock;
    private final ZoneId zone;

    FulfillmentSteps(ProcessEngine engine, Transactions transactions, ApprovedOrders approvedOrders, JdbcClient jdbc,
            @Lazy TestRestTemplate http, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${pestle.time-zone}") ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.engine = engine;
        this.transactions = transactions;
        this.approvedOrders = approvedOrders;
        this.jdbc = jdbc;
        this.http = http;
    }

    /** The pharmacy's today by the application's clock (tests move it forward). */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** An order in the compounding queue: its id, number and fulfillment process. */
    record Paid(UUID id, long number, String processId) {
    }

    /**
     * Submits an order of 10 naltrexone capsules through the API, has the pharmacist approve it (and, when the
     * verification level asks for it, pharmacist2 as the second pharmacist), and moves
     * its process past the payment (tested on its own in PaymentProcessIntegrationTests) to Event_OrderPaid.
     */
    Paid paidOrder() {
        return paidOrder(Demo.NALTREXONE);
    }

    /** The same for 10 units of another demo compound. */
    Paid paidOrder(UUID compoundId) {
        ProviderStandIns.server();
        var created = new Api(http).post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE,
                Demo.PATIENT_NORTHSIDE, Orders.line(compoundId, 10, 30, 0))).json();
        UUID id = UUID.fromString(created.get("id").asText());
        long number = created.get("orderNumber").asLong();
        Task verify = awaitTask(number, "Task_VerifyPrescription");
        approvedOrders.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(verify.getId(),
                Map.of("verificationDecision", "approve")));
        String processId = verify.getProcessInstanceId();
        if (Boolean.TRUE.equals(engine.getRuntimeService().getVariable(processId, "secondPharmacistRequired"))) {
            Task second = awaitTask(number, "Task_SecondVerification");
            approvedOrders.as(Demo.PHARMACIST_2, "pharmacists", () -> engine.getTaskService().complete(
                    second.getId(), Map.of("secondVerificationDecision", "approve")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createEventSubscriptionQuery()
                .eventName("PaymentSucceeded").list().stream().anyMatch(s -> engine.getRuntimeService()
                        .createProcessInstanceQuery().processInstanceId(s.getProcessInstanceId())
                        .superProcessInstanceId(processId).count() == 1));
        transactions.asSystem(() -> {
            engine.getRuntimeService().createProcessInstanceModification(processId)
                    .cancelAllForActivity("CallActivity_Payment").startBeforeActivity("Event_OrderPaid").execute();
            return null;
        });
        return new Paid(id, number, processId);
    }

    /**
     * The same order of 10 naltrexone capsules, paid by the patient for real: the payment process opens its
     * Stripe checkout (the WireMock stand-in), and Stripe's signed checkout.session.completed webhook settles it, so
     * the payment is CAPTURED with the payment intent {@code pi_<tag>} and the order goes on to compounding.
     */
    Paid selfPaidOrder(String tag) {
        ProviderStandIns.server();
        var created = new Api(http).post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE,
                Demo.PATIENT_NORTHSIDE, Orders.line(Demo.NALTREXONE, 10, 30, 0))).json();
        UUID id = UUID.fromString(created.get("id").asText());
        long number = created.get("orderNumber").asLong();
        Task verify = awaitTask(number, "Task_VerifyPrescription");
        approvedOrders.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(verify.getId(),
                Map.of("verificationDecision", "approve")));
        Map<String, Object> payment = await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() ->
                jdbc.sql("select id, checkout_session_id, process_instance_id from payment where order_id = ?")
                        .param(id).query().listOfRows()).stream().findFirst().orElse(null),
                p -> p != null && p.get("checkout_session_id") != null && engine.getRuntimeService()
                        .createEventSubscriptionQuery().processInstanceId((String) p.get("process_instance_id"))
                        .eventName("PaymentSucceeded").count() == 1);
        String event;
        try {
            event = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                    "id", "evt_" + UUID.randomUUID().toString().replace("-", ""), "object", "event",
                    "api_version", com.stripe.Stripe.API_VERSION, "created", java.time.Instant.now().getEpochSecond(),
                    "type", "checkout.session.completed", "livemode", false, "data", Map.of("object", Map.of(
                            "id", payment.get("checkout_session_id"), "object", "checkout.session",
                            "payment_status", "paid", "payment_intent", "pi_" + tag,
                            "metadata", Map.of("payment_id", payment.get("id").toString(), "order_id", id.toString())))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        headers.add("Stripe-Signature", ProviderStandIns.stripeSignature(event, ProviderStandIns.STRIPE_WEBHOOK_SECRET,
                java.time.Instant.now().getEpochSecond()));
        var answer = http.postForEntity("/webhooks/stripe", new org.springframework.http.HttpEntity<>(event, headers),
                String.class);
        if (answer.getStatusCode().value() != 200) {
            throw new IllegalStateException("Stripe's webhook was answered " + answer.getStatusCode());
        }
        Task compound = awaitTask(number, "Task_CompoundOrder");
        return new Paid(id, number, compound.getProcessInstanceId());
    }

    Task awaitTask(long orderNumber, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(orderNumber)).taskDefinitionKey(taskKey).singleResult(),
                t -> t != null);
    }

    /** A lot of naltrexone powder of this test's own, written as the system. */
    UUID powderLot(String lotNumber, LocalDate expiresOn, BigDecimal quantity) {
        UUID id = UUID.randomUUID();
        transactions.asSystem(() -> {
            jdbc.sql("""
                    insert into inventory_lot (id, item_id, lot_number, expires_on, supplier, received_on)
                    values (?, ?, ?, ?, 'Test Supplier', current_date - 30)""")
                    .params(id, NALTREXONE_POWDER, lotNumber, expiresOn).update();
            return jdbc.sql("insert into stock_movement (lot_id, kind, quantity, actor) values (?, 'RECEIVED', ?, 'system:test')")
                    .params(id, quantity).update();
        });
        return id;
    }

    BigDecimal onHand(UUID lotId) {
        return transactions.asSystem(() -> jdbc.sql("select coalesce(sum(quantity), 0) from stock_movement where lot_id = ?")
                .param(lotId).query(BigDecimal.class).single());
    }

    /** The lot's ledger, oldest first: kind, quantity and reference. */
    List<String> movements(UUID lotId) {
        return transactions.asSystem(() -> jdbc.sql("""
                select kind || ':' || trim(trailing '.' from trim(trailing '0' from quantity::text)) from stock_movement
                where lot_id = ? order by id""").param(lotId).query(String.class).list());
    }

    /** The lots of the order's compounding records of an attempt, as lot:quantity. */
    List<String> draftLots(UUID orderId, int attempt) {
        return transactions.asSystem(() -> jdbc.sql("""
                select i.lot_id || ':' || trim(trailing '.' from trim(trailing '0' from i.quantity::text))
                from compounding_ingredient i join compounding_record r on r.id = i.record_id
                where r.order_id = ? and r.attempt = ? and i.item_id = ? order by i.position""")
                .params(orderId, attempt, NALTREXONE_POWDER).query(String.class).list());
    }

    void quarantine(UUID lotId) {
        transactions.asSystem(() -> {
            jdbc.sql("update inventory_lot set status = 'QUARANTINED' where id = ?").param(lotId).update();
            return jdbc.sql("""
                    insert into stock_movement (lot_id, kind, quantity, reason, actor)
                    values (?, 'QUARANTINED', 0, 'RECALL', 'system:test')""").param(lotId).update();
        });
    }

    /** The latest audit record of an action on an entity: actor and details. */
    Map<String, Object> audited(String action, Object entityId) {
        return transactions.asSystem(() -> jdbc.sql("""
                select actor, patient_id, details::text as details from audit_record
                where action = ? and entity_id = ? order by seq desc limit 1""")
                .params(action, entityId.toString()).query().singleRow());
    }
}
