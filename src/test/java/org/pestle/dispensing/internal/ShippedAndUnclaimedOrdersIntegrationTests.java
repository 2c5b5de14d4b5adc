package org.pestle.dispensing.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.dispensing.internal.FulfillmentSteps.Paid;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.TestDatabase;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The end of processes/order-fulfillment.bpmn on the application's engine and PostgreSQL, with the real listeners,
 * stock ledger, outbox and decisions/pickup-reminders.dmn, and stripe-java against the WireMock stand-in: a ready
 * order shipped and delivered; an unclaimed order reminded at 48 h and 72 h, returned to stock at the clinic's
 * return-to-stock day (preparation destroyed, payment refunded once) and ended RETURNED; a pickup before the
 * reminders; a cancellation after compounding. The engine's clock (ClockUtil) is moved forward for the timers;
 * nothing sleeps.
 */
@IntegrationTest
class ShippedAndUnclaimedOrdersIntegrationTests {

    /** Naltrexone powder for 10 capsules, the order FulfillmentSteps makes. */
    static final BigDecimal POWDER = FulfillmentSteps.POWDER_FOR_TEN;

    @Autowired
    ProcessEngine engine;

    @Autowired
    FulfillmentSteps steps;

    @Autowired
    ApprovedOrders users;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispenses dispenses;

    @Autowired
    TestRestTemplate http;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    org.pestle.support.MutableClock clock;

    Api api;

    @BeforeEach
    void init() {
        api = new Api(http);
        ProviderStandIns.server();
        transactions.asSystem(() -> jdbc.sql("delete from sms_consent").update()
                + jdbc.sql("delete from sms_number_opt_out").update());
    }

    @AfterEach
    void engineClockBackToNow() {
        ClockUtil.reset();
    }

    @Test
    void aShippedOrderIsDeliveredAndThenCountsAsDispensed() {
        UUID lot = steps.powderLot(lotNumber("SHIP"), steps.today().plusDays(1), POWDER);
        Paid order = readyOrder(steps.paidOrder());
        Task handover = steps.awaitTask(order.number(), "Task_RecordPickup");

        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(handover.getId(), Map.of("handover", "SHIP", "carrier", "UPS", "trackingNumber", "x"))))
                .hasMessageContaining("tracking number");
        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(handover.getId(), Map.of("handover", "SHIP", "carrier", "PIGEON",
                        "trackingNumber", "1Z999AA10123456784")))).hasMessageContaining("carrier from the list");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(handover.getId(),
                Map.of("handover", "SHIP", "carrier", "UPS", "trackingNumber", "1Z 999 AA1 0123456784")));

        assertThat(status(order)).isEqualTo("SHIPPED");
        assertThat(lineStatuses(order)).containsOnly("SHIPPED");
        Dispense shipped = transactions.asSystem(() -> dispenses.ofOrder(order.id())).get(0);
        assertThat(shipped.carrier()).isEqualTo("UPS");
        assertThat(shipped.trackingNumber()).isEqualTo("1Z999AA10123456784");
        assertThat(shipped.shippedBy()).isEqualTo(Demo.TECHNICIAN);
        assertThat(shipped.dispensedAt()).as("not dispensed until delivered").isNull();
        assertThat(steps.audited("shipment.recorded", order.id()).get("actor")).isEqualTo(Demo.TECHNICIAN);

        Task delivery = steps.awaitTask(order.number(), "Task_RecordDelivery");
        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(delivery.getId(), Map.of()))).hasMessageContaining("Confirm that the carrier delivered");
        users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(delivery.getId(),
                Map.of("deliveryConfirmed", true)));

        assertThat(status(order)).isEqualTo("DELIVERED");
        assertThat(lineStatuses(order)).containsOnly("DISPENSED");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(order.processId())
                .singleResult().getEndActivityId()).isEqualTo("EndEvent_OrderDelivered");
        Dispense delivered = transactions.asSystem(() -> dispenses.ofOrder(order.id())).get(0);
        assertThat(delivered.deliveryRecordedBy()).isEqualTo(Demo.PHARMACIST);
        assertThat(delivered.dispensedAt()).isEqualTo(delivered.deliveredAt()).isNotNull();
        assertThat(delivered.pickedUpAt()).isNull();
        assertThat(delivered.lots()).extracting(Dispense.LotTaken::lotId).contains(lot);
        assertThat(steps.audited("delivery.recorded", order.id()).get("actor")).isEqualTo(Demo.PHARMACIST);
        // a delivered line has its refill reminder, as a picked-up one has (refills listens to DeliveryRecorded)
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("Process_RefillReminder")
                .variableValueEquals("dispensedOrderId", order.id().toString()).count()).isEqualTo(1);
        var view = api.get(Demo.REYES, "/api/orders/" + order.id()).json();
        assertThat(view.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(view.get("reviews").findValuesAsText("action")).containsSubsequence("SHIPPED", "DELIVERED");
        assertThat(view.get("reviews").findValuesAsText("actor")).contains(Demo.TECHNICIAN, Demo.PHARMACIST);
        var dispensing = api.get(Demo.PHARMACIST, "/api/orders/" + order.id() + "/dispensing").json();
        assertThat(dispensing.get("dispenses").get(0).get("carrier").asText()).isEqualTo("UPS");
        assertThat(dispensing.get("dispenses").get(0).get("deliveredAt").isNull()).isFalse();
        org.pestle.support.WebSession pharmacist = new org.pestle.support.WebSession(port, clock);
        pharmacist.signIn(Demo.PHARMACIST);
        assertThat(pharmacist.get("/console/orders/" + order.id()).body()).contains("DELIVERED",
                "with UPS 1Z999AA10123456784 by " + Demo.TECHNICIAN, "recorded by " + Demo.PHARMACIST,
                "CR-" + order.number() + "-1-1");
    }

    @Test
    void anUnclaimedOrderIsRemindedAtFortyEightAndSeventyTwoHoursThenDestroyedRefundedOnceAndReturned()
            throws Exception {
        ProviderStandIns.reset();
        String tag = "unclaimed_" + UUID.randomUUID().toString().substring(0, 8);
        UUID lot = steps.powderLot(lotNumber("UNCL"), steps.today().plusDays(1), POWDER);
        Paid order = readyOrder(steps.selfPaidOrder(tag));
        steps.awaitTask(order.number(), "Task_RecordPickup");
        Date ready = ClockUtil.getCurrentTime();
        assertThat(timer(order, "Event_PickupReminderDue").getDuedate()).isCloseTo(hoursAfter(ready, 48), 60_000);
        assertThat(timer(order, "Event_ReturnToStockDue").getDuedate()).isCloseTo(hoursAfter(ready, 14 * 24), 60_000);

        ClockUtil.setCurrentTime(hoursAfter(ready, 47));
        assertThat(reminders(order)).isEmpty();
        ClockUtil.setCurrentTime(hoursAfter(ready, 48 + 1 / 60.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(order).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> timerOrNull(order, "Event_NextPickupReminderDue") != null);
        // 24 hours after the first reminder went out: 72 hours after the order was ready
        assertThat(timer(order, "Event_NextPickupReminderDue").getDuedate()).isCloseTo(hoursAfter(ready, 72), 180_000);
        ClockUtil.setCurrentTime(hoursAfter(ready, 72 + 5 / 60.0));
        await().atMost(Duration.ofSeconds(30)).until(() -> reminders(order).size() == 2);
        assertThat(reminders(order)).allSatisfy(text -> assertThat(text)
                .startsWith("Mortar & Pestle Compounding Pharmacy: a reminder that your order is ready for pickup.")
                .contains("https://pestle.test/p/").doesNotContainIgnoringCase("naltrexone")
                .doesNotContain("Marcus").doesNotContain("Wilson").doesNotContain("4.5")
                .doesNotContain(String.valueOf(order.number())));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(order.processId()).activityIdIn("Task_SendPickupReminder",
                        "Event_NextPickupReminderDue").count() == 0);
        assertThat(status(order)).isEqualTo("READY");

        try (Connection owner = DriverManager.getConnection(TestDatabase.get().url(), TestDatabase.OWNER.username(),
                TestDatabase.OWNER.password()); Statement sql = owner.createStatement()) {
            // the refund's first attempt dies after Stripe answered and before its commit, as in a crash
            sql.execute("""
                    create or replace function test_refund_crash() returns trigger language plpgsql as $$
                    begin raise exception 'simulated crash after the Stripe refund call'; end $$""");
            sql.execute("""
                    create trigger test_refund_crash before update on payment for each row
                    when (new.status = 'REFUNDED') execute function test_refund_crash()""");
            try {
                ClockUtil.setCurrentTime(hoursAfter(ready, 14 * 24 + 5 / 60.0));
                Task returnTask = steps.awaitTask(order.number(), "Task_ReturnToStock");
                assertThat(engine.getTaskService().createTaskQuery().processInstanceId(order.processId())
                        .taskDefinitionKey("Task_RecordPickup").count()).isZero();
                assertThat(engine.getTaskService().getIdentityLinksForTask(returnTask.getId()))
                        .extracting(link -> link.getGroupId()).containsExactly("pharmacists");
                assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine
                        .getTaskService().complete(returnTask.getId(), Map.of("returnReason", "UNCLAIMED",
                                "preparationDestroyed", true)))).as("not a candidate: refused by Camunda's authorization")
                        .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
                assertThatThrownBy(() -> users.as(Demo.ADMIN, "camunda-admin", () -> engine.getTaskService()
                        .complete(returnTask.getId(), Map.of("returnReason", "UNCLAIMED", "preparationDestroyed", true))))
                        .hasMessageContaining("Only a pharmacist");
                assertThatThrownBy(() -> users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService()
                        .complete(returnTask.getId(), Map.of("returnReason", "UNCLAIMED"))))
                        .hasMessageContaining("never goes back to stock");
                assertThat(status(order)).isEqualTo("READY");
                users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(returnTask.getId(),
                        Map.of("returnReason", "UNCLAIMED", "preparationDestroyed", true)));

                assertThat(status(order)).isEqualTo("RETURNED");
                await().atMost(Duration.ofSeconds(60)).until(() -> refundRequests(tag).size() >= 2);
                assertThat(paymentStatus(order)).as("the crashed attempts committed nothing").isEqualTo("REFUND_PENDING");
            } finally {
                sql.execute("drop trigger if exists test_refund_crash on payment");
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "REFUNDED".equals(paymentStatus(order)));

        assertThat(lineStatuses(order)).containsOnly("DESTROYED");
        assertThat(transactions.asSystem(() -> jdbc.sql("select status_reason from orders where id = ?")
                .param(order.id()).query(String.class).single())).isEqualTo("Returned to stock: UNCLAIMED");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(order.processId())
                .singleResult().getEndActivityId()).isEqualTo("EndEvent_OrderReturned");
        assertThat(steps.movements(lot)).as("destroyed, never returned to stock")
                .containsExactly("RECEIVED:0.045", "USED_IN_COMPOUNDING:-0.045", "DESTROYED:0");
        assertThat(steps.onHand(lot)).isEqualByComparingTo("0");
        Map<String, Object> destroyed = transactions.asSystem(() -> jdbc.sql("""
                select status, destroyed_by, destruction_reason from compounding_record
                where order_id = ? and status <> 'DRAFT'""").param(order.id()).query().singleRow());
        assertThat(destroyed).containsEntry("status", "DESTROYED").containsEntry("destroyed_by", Demo.PHARMACIST)
                .containsEntry("destruction_reason", "UNCLAIMED");
        Dispense dispense = transactions.asSystem(() -> dispenses.ofOrder(order.id())).get(0);
        assertThat(dispense.destroyedBy()).isEqualTo(Demo.PHARMACIST);
        assertThat(dispense.dispensedAt()).isNull();
        assertThat(steps.audited("preparations.destroyed", order.id()).get("actor")).isEqualTo(Demo.PHARMACIST);
        assertThat(steps.audited("order.returned-to-stock", order.id()).get("actor")).isEqualTo(Demo.PHARMACIST);

        List<LoggedRequest> refunds = refundRequests(tag);
        assertThat(refunds).as("each retry sent the same idempotency key, so Stripe refunds once").hasSizeGreaterThan(1)
                .extracting(r -> r.getHeader("Idempotency-Key")).containsOnly(refundKey(order));
        assertThat(transactions.asSystem(() -> jdbc.sql("select refund_id from payment where order_id = ?")
                .param(order.id()).query(String.class).single())).isEqualTo("re_" + refundKey(order));
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record where action = 'payment.refunded' and entity_id = ?""")
                .param(paymentId(order).toString()).query(Integer.class).single())).isEqualTo(1);
        var view = api.get(Demo.REYES, "/api/orders/" + order.id()).json();
        assertThat(view.get("status").asText()).isEqualTo("RETURNED");
        assertThat(view.get("reviews").findValuesAsText("action")).contains("RETURNED_TO_STOCK");
    }

    @Test
    void anOrderPickedUpBeforeTheRemindersIsNeverReminded() {
        steps.powderLot(lotNumber("PICK"), steps.today().plusDays(1), POWDER);
        Paid order = readyOrder(steps.paidOrder());
        Task pickup = steps.awaitTask(order.number(), "Task_RecordPickup");
        Date ready = ClockUtil.getCurrentTime();
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(pickup.getId(),
                Map.of("pickedUpBy", "PATIENT")));
        assertThat(status(order)).isEqualTo("PICKED_UP");

        ClockUtil.setCurrentTime(hoursAfter(ready, 73));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(order.processId()).count())
                .as("no reminder or return-to-stock timer is left").isZero();
        assertThat(reminders(order)).isEmpty();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(order.processId())
                .singleResult().getEndActivityId()).isEqualTo("EndEvent_OrderPickedUp");
    }

    @Test
    void aCancellationAfterCompoundingDestroysThePreparationInTheLedger() {
        UUID lot = steps.powderLot(lotNumber("CANC"), steps.today().plusDays(1), POWDER);
        Paid order = steps.paidOrder();
        Task compound = steps.awaitTask(order.number(), "Task_CompoundOrder");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(compound.getId(),
                Map.of("compoundingConfirmed", true)));
        assertThat(status(order)).isEqualTo("FINAL_CHECK");

        var cancelled = api.post(Demo.REYES, "/api/orders/" + order.id() + "/cancel", Map.of("reason", "PATIENT_REQUEST"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        await().atMost(Duration.ofSeconds(30)).until(() -> steps.movements(lot).size() == 3);
        assertThat(steps.movements(lot)).containsExactly("RECEIVED:0.045", "USED_IN_COMPOUNDING:-0.045", "DESTROYED:0");
        assertThat(transactions.asSystem(() -> jdbc.sql(
                "select status || ':' || destruction_reason from compounding_record where order_id = ? and status <> 'DRAFT'")
                .param(order.id()).query(String.class).single())).isEqualTo("DESTROYED:ORDER_CANCELLED");
        assertThat(steps.audited("preparations.destroyed", order.id()).get("actor"))
                .isEqualTo("system:order-cancellation");
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceId(order.processId()).count() == 0);
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(order.processId())
                .activityId("EndEvent_OrderCancelled").finished().count()).isEqualTo(1);
    }

    @Test
    void thePickupRemindersTableIsShippedEditableInTheRulesConsoleAndPassesItsTestCases() {
        Api.Response table = api.get(Demo.ADMIN, "/api/rules/decisions/" + PickupReminders.DECISION);
        assertThat(table.status()).isEqualTo(200);
        assertThat(table.json().get("rules").size()).isEqualTo(3);
        transactions.signIn(Demo.ADMIN);
        try {
            var results = ruleTables.runTests(org.pestle.identity.CurrentActor.require(), PickupReminders.DECISION);
            assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.passed()).as(r.testCase().name()).isTrue());
        } finally {
            transactions.signOut();
        }
    }

    @Autowired
    org.pestle.rules.RuleTables ruleTables;

    /** Compounded by the technician and released by the pharmacist: READY, waiting in Task_RecordPickup. */
    private Paid readyOrder(Paid order) {
        Task compound = steps.awaitTask(order.number(), "Task_CompoundOrder");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(compound.getId(),
                Map.of("compoundingConfirmed", true)));
        Task check = steps.awaitTask(order.number(), "Task_FinalCheck");
        users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(check.getId(),
                Map.of("finalCheckDecision", "approve")));
        assertThat(status(order)).isEqualTo("READY");
        return order;
    }

    private static String lotNumber(String kind) {
        return "T-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Date hoursAfter(Date start, double hours) {
        return new Date(start.getTime() + (long) (hours * 3_600_000));
    }

    private Job timer(Paid order, String activityId) {
        Job job = timerOrNull(order, activityId);
        assertThat(job).as(activityId).isNotNull();
        return job;
    }

    private Job timerOrNull(Paid order, String activityId) {
        return engine.getManagementService().createJobQuery().processInstanceId(order.processId()).timers()
                .activityId(activityId).singleResult();
    }

    /** The pickup reminders queued for the order, oldest first. */
    private List<String> reminders(Paid order) {
        return transactions.asSystem(() -> jdbc.sql("""
                select body from text_message where dedupe_key like ? order by dedupe_key""")
                .param("PICKUP_REMINDER:" + order.id() + ":%").query(String.class).list());
    }

    private List<LoggedRequest> refundRequests(String tag) {
        return ProviderStandIns.server().findAll(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withRequestBody(containing("payment_intent=pi_" + tag)));
    }

    private UUID paymentId(Paid order) {
        return transactions.asSystem(() -> jdbc.sql("select id from payment where order_id = ?").param(order.id())
                .query(UUID.class).single());
    }

    private String refundKey(Paid order) {
        return "pestle-payment-" + paymentId(order) + "-refund";
    }

    private String paymentStatus(Paid order) {
        return transactions.asSystem(() -> jdbc.sql("select status from payment where order_id = ?")
                .param(order.id()).query(String.class).single());
    }

    private String status(Paid order) {
        return transactions.asSystem(() -> jdbc.sql("select status from orders where id = ?").param(order.id())
                .query(String.class).single());
    }

    private List<String> lineStatuses(Paid order) {
        return transactions.asSystem(() -> jdbc.sql("select status from order_line where order_id = ?")
                .param(order.id()).query(String.class).list());
    }
}
