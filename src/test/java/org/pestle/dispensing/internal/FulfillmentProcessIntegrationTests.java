package org.pestle.dispensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
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
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/order-fulfillment.bpmn after payment, on every path of this slice, on the application's engine and
 * PostgreSQL with the real listeners, stock and beyond-use-date table: compound → final check → ready text →
 * pickup, and the final check sending the order back with its lots returned or destroyed. Users act with a
 * Camunda authentication, as Tasklist sets one, or through /engine-rest with their API token.
 */
@IntegrationTest
class FulfillmentProcessIntegrationTests {

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
        BpmnAwareTests.init(engine);
        api = new Api(http);
    }

    @AfterEach
    void reset() {
        BpmnAwareTests.reset();
    }

    @Test
    void aPaidOrderIsCompoundedCheckedAnnouncedAndPickedUp() {
        UUID lot = steps.powderLot("T-HAPPY-" + UUID.randomUUID().toString().substring(0, 8),
                steps.today().plusDays(1), FulfillmentSteps.POWDER_FOR_TEN);
        Paid order = steps.paidOrder();
        Task compound = steps.awaitTask(order.number(), "Task_CompoundOrder");
        assertThat(status(order)).isEqualTo("PAID");
        assertThat(engine.getTaskService().getIdentityLinksForTask(compound.getId()))
                .extracting(link -> link.getGroupId()).contains("pharmacy-technicians", "pharmacists");
        assertThat(steps.draftLots(order.id(), 1)).containsExactly(lot + ":0.045");

        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().claim(compound.getId(),
                Demo.TECHNICIAN));
        assertThat(status(order)).isEqualTo("COMPOUNDING");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(compound.getId(),
                Map.of("compoundingConfirmed", true)));

        assertThat(status(order)).isEqualTo("FINAL_CHECK");
        assertThat(lineStatuses(order)).containsOnly("COMPOUNDED");
        assertThat(steps.onHand(lot)).isEqualByComparingTo("0");
        assertThat(steps.movements(lot)).containsExactly("RECEIVED:0.045", "USED_IN_COMPOUNDING:-0.045");
        Map<String, Object> compounded = transactions.asSystem(() -> jdbc.sql("""
                select control_number, compounded_by, bud_date, formulation_version, status from compounding_record
                where order_id = ?""").param(order.id()).query().singleRow());
        assertThat(compounded).containsEntry("control_number", "CR-" + order.number() + "-1-1")
                .containsEntry("compounded_by", Demo.TECHNICIAN).containsEntry("formulation_version", 1)
                .containsEntry("status", "COMPOUNDED");
        assertThat(compounded.get("bud_date").toString()).as("capped by the lot expiring tomorrow")
                .isEqualTo(steps.today().plusDays(1).toString());
        Map<String, Object> audit = steps.audited("compounding.recorded", transactions.asSystem(() -> jdbc.sql(
                "select id from compounding_record where order_id = ?").param(order.id()).query(UUID.class).single()));
        assertThat(audit.get("actor")).isEqualTo(Demo.TECHNICIAN);
        assertThat((String) audit.get("details")).contains(lot.toString(), "\"quantity\": \"0.045\"");

        Task check = steps.awaitTask(order.number(), "Task_FinalCheck");
        users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(check.getId(),
                Map.of("finalCheckDecision", "approve")));

        assertThat(status(order)).isEqualTo("READY");
        assertThat(steps.audited("final-check.passed", order.id()).get("actor")).isEqualTo(Demo.PHARMACIST);
        String text = await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> jdbc.sql(
                "select body from text_message where dedupe_key = ?").param("READY_FOR_PICKUP:" + order.id())
                .query(String.class).optional().orElse(null)), body -> body != null);
        Task pickup = steps.awaitTask(order.number(), "Task_RecordPickup");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(pickup.getId(),
                Map.of("pickedUpBy", "PATIENT")));

        assertThat(status(order)).isEqualTo("PICKED_UP");
        assertThat(lineStatuses(order)).containsOnly("DISPENSED");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(order.processId())
                .singleResult().getEndActivityId()).isEqualTo("EndEvent_OrderPickedUp");
        Dispense dispense = transactions.asSystem(() -> dispenses.ofOrder(order.id())).get(0);
        assertThat(dispense.pharmacist()).isEqualTo(Demo.PHARMACIST);
        assertThat(dispense.pickupRecordedBy()).isEqualTo(Demo.TECHNICIAN);
        assertThat(dispense.pickedUpBy()).isEqualTo("PATIENT");
        assertThat(dispense.controlNumber()).isEqualTo("CR-" + order.number() + "-1-1");
        assertThat(dispense.lots()).extracting(Dispense.LotTaken::lotId).contains(lot);
        assertThat(transactions.asSystem(() -> dispenses.ofLot(lot))).extracting(Dispense::orderId)
                .containsExactly(order.id());
        assertThat(steps.audited("pickup.recorded", order.id()).get("actor")).isEqualTo(Demo.TECHNICIAN);
        assertThat(text).startsWith("Mortar & Pestle Compounding Pharmacy: your order is ready for pickup.");
        assertThat(text).contains("/p/");
    }

    @Test
    void theReadyTextNamesThePharmacyAndALinkButNeitherTheDrugNorThePatient() {
        steps.powderLot("T-TEXT-" + UUID.randomUUID().toString().substring(0, 8), steps.today().plusDays(1),
                FulfillmentSteps.POWDER_FOR_TEN);
        Paid order = steps.paidOrder();
        compound(order, Demo.TECHNICIAN, "pharmacy-technicians");
        check(order, Demo.PHARMACIST, Map.of("finalCheckDecision", "approve"));

        String text = await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> jdbc.sql(
                "select body from text_message where dedupe_key = ?").param("READY_FOR_PICKUP:" + order.id())
                .query(String.class).optional().orElse(null)), body -> body != null);

        assertThat(text).contains("Mortar & Pestle Compounding Pharmacy", "https://pestle.test/p/")
                .doesNotContainIgnoringCase("naltrexone").doesNotContain("Marcus").doesNotContain("Wilson")
                .doesNotContain("4.5").doesNotContain(String.valueOf(order.number()));
        assertThat(text.length()).isLessThan(160 + 40);
    }

    @Test
    void lotsAreProposedFirstExpiryFirstOutPassingOverExpiredLots() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID expired = steps.powderLot("T-EXP-" + suffix, steps.today().minusDays(1), new BigDecimal("5"));
        UUID first = steps.powderLot("T-FEFO1-" + suffix, steps.today(), new BigDecimal("0.03"));
        UUID second = steps.powderLot("T-FEFO2-" + suffix, steps.today().plusDays(1), new BigDecimal("0.015"));
        Paid order = steps.paidOrder();
        steps.awaitTask(order.number(), "Task_CompoundOrder");

        assertThat(steps.draftLots(order.id(), 1)).containsExactly(first + ":0.03", second + ":0.015")
                .noneMatch(use -> use.startsWith(expired.toString()));

        compound(order, Demo.TECHNICIAN, "pharmacy-technicians");
        assertThat(steps.onHand(first)).isEqualByComparingTo("0");
        assertThat(steps.onHand(second)).isEqualByComparingTo("0");
        assertThat(steps.onHand(expired)).isEqualByComparingTo("5");
    }

    @Test
    void aSendBackWithTheLotsReturnedGivesThemBackToStockAndTheOrderIsCompoundedAgain() {
        UUID lot = steps.powderLot("T-RET-" + UUID.randomUUID().toString().substring(0, 8),
                steps.today().plusDays(1), FulfillmentSteps.POWDER_FOR_TEN);
        Paid order = steps.paidOrder();
        compound(order, Demo.TECHNICIAN, "pharmacy-technicians");

        check(order, Demo.PHARMACIST, Map.of("finalCheckDecision", "sendBack", "sendBackReason", "WRONG_QUANTITY",
                "lotDisposition", "RETURN"));

        assertThat(status(order)).isEqualTo("COMPOUNDING");
        assertThat(lineStatuses(order)).containsOnly("APPROVED");
        assertThat(steps.movements(lot)).containsExactly("RECEIVED:0.045", "USED_IN_COMPOUNDING:-0.045",
                "RETURNED:0.045");
        Map<String, Object> sentBack = steps.audited("final-check.sent-back", order.id());
        assertThat(sentBack.get("actor")).isEqualTo(Demo.PHARMACIST);
        assertThat((String) sentBack.get("details")).contains("WRONG_QUANTITY", "RETURN");
        Task again = steps.awaitTask(order.number(), "Task_CompoundOrder");
        assertThat(engine.getRuntimeService().getVariables(order.processId()))
                .doesNotContainKeys("finalCheckDecision", "compoundingConfirmed");
        assertThat(steps.draftLots(order.id(), 2)).containsExactly(lot + ":0.045");

        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(again.getId(),
                Map.of("compoundingConfirmed", true)));
        check(order, Demo.PHARMACIST_2, Map.of("finalCheckDecision", "approve"));

        assertThat(status(order)).isEqualTo("READY");
        assertThat(steps.onHand(lot)).isEqualByComparingTo("0");
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select attempt || ':' || status || ':' || coalesce(lot_disposition, '-') from compounding_record
                where order_id = ? order by attempt""").param(order.id()).query(String.class).list()))
                .containsExactly("1:SENT_BACK:RETURN", "2:CHECKED:-");
    }

    @Test
    void aSendBackWithThePreparationDestroyedKeepsTheDebitAndTakesOtherLots() {
        UUID lot = steps.powderLot("T-DES-" + UUID.randomUUID().toString().substring(0, 8),
                steps.today().plusDays(1), FulfillmentSteps.POWDER_FOR_TEN);
        Paid order = steps.paidOrder();
        compound(order, Demo.TECHNICIAN, "pharmacy-technicians");

        check(order, Demo.PHARMACIST, Map.of("finalCheckDecision", "sendBack", "sendBackReason",
                "APPEARANCE_OR_CONSISTENCY", "lotDisposition", "DESTROY"));

        assertThat(status(order)).isEqualTo("COMPOUNDING");
        assertThat(steps.movements(lot)).as("the debit stands; the destruction is in the ledger, returning nothing")
                .containsExactly("RECEIVED:0.045", "USED_IN_COMPOUNDING:-0.045", "DESTROYED:0");
        assertThat(steps.onHand(lot)).isEqualByComparingTo("0");
        assertThat(transactions.asSystem(() -> jdbc.sql(
                "select reason || ':' || reference from stock_movement where lot_id = ? and kind = 'DESTROYED'")
                .param(lot).query(String.class).single())).startsWith("PREPARATION_SENT_BACK:");
        steps.awaitTask(order.number(), "Task_CompoundOrder");
        assertThat(steps.draftLots(order.id(), 2)).isNotEmpty().noneMatch(use -> use.startsWith(lot.toString()));
    }

    @Test
    void aLotQuarantinedAfterTheProposalIsRefusedAtCompletionThroughEngineRest() {
        UUID lot = steps.powderLot("T-QUA-" + UUID.randomUUID().toString().substring(0, 8),
                steps.today().plusDays(1), FulfillmentSteps.POWDER_FOR_TEN);
        Paid order = steps.paidOrder();
        Task task = steps.awaitTask(order.number(), "Task_CompoundOrder");
        assertThat(steps.draftLots(order.id(), 1)).containsExactly(lot + ":0.045");

        steps.quarantine(lot);
        Api.Response refused = api.post(Demo.TECHNICIAN, "/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", Map.of("compoundingConfirmed", Map.of("value", true, "type", "Boolean"))));

        assertThat(refused.status()).isBetween(400, 599);
        assertThat(refused.body()).contains("quarantined");
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(status(order)).isEqualTo("PAID");
        assertThat(steps.movements(lot)).containsExactly("RECEIVED:0.045", "QUARANTINED:0");
        assertThat(transactions.asSystem(() -> jdbc.sql(
                "select count(*) from compounding_record where order_id = ? and status <> 'DRAFT'")
                .param(order.id()).query(Integer.class).single())).isZero();
    }

    @Test
    void theSameUserCannotCompoundAndFinalCheckAnOrder() {
        steps.powderLot("T-SAME-" + UUID.randomUUID().toString().substring(0, 8), steps.today().plusDays(1),
                FulfillmentSteps.POWDER_FOR_TEN);
        Paid order = steps.paidOrder();
        compound(order, Demo.PHARMACIST, "pharmacists");
        Task check = steps.awaitTask(order.number(), "Task_FinalCheck");

        assertThatThrownBy(() -> users.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService()
                .complete(check.getId(), Map.of("finalCheckDecision", "approve"))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("another pharmacist");
        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(check.getId(), Map.of("finalCheckDecision", "approve"))))
                .isInstanceOf(ProcessEngineException.class);
        assertThatThrownBy(() -> users.as(Demo.ADMIN, "camunda-admin", () -> engine.getTaskService()
                .complete(check.getId(), Map.of("finalCheckDecision", "approve"))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Only a pharmacist");
        assertThat(status(order)).isEqualTo("FINAL_CHECK");

        users.as(Demo.PHARMACIST_2, "pharmacists", () -> engine.getTaskService().complete(check.getId(),
                Map.of("finalCheckDecision", "approve")));
        assertThat(status(order)).isEqualTo("READY");
    }

    @Test
    void formValuesOutsideTheListsAreRefusedOnTheServer() {
        steps.powderLot("T-FORM-" + UUID.randomUUID().toString().substring(0, 8), steps.today().plusDays(1),
                FulfillmentSteps.POWDER_FOR_TEN);
        Paid order = steps.paidOrder();
        Task compound = steps.awaitTask(order.number(), "Task_CompoundOrder");
        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(compound.getId(), Map.of()))).hasMessageContaining("Confirm that the preparation");
        assertThatThrownBy(() -> users.as(Demo.ADMIN, "camunda-admin", () -> engine.getTaskService()
                .complete(compound.getId(), Map.of("compoundingConfirmed", true))))
                .hasMessageContaining("Only a pharmacy technician or a pharmacist");
        compound(order, Demo.TECHNICIAN, "pharmacy-technicians");
        Task check = steps.awaitTask(order.number(), "Task_FinalCheck");

        assertThatThrownBy(() -> check(order, Demo.PHARMACIST, Map.of("finalCheckDecision", "maybe")))
                .hasMessageContaining("approve or sendBack");
        assertThatThrownBy(() -> check(order, Demo.PHARMACIST, Map.of("finalCheckDecision", "sendBack",
                "lotDisposition", "RETURN"))).hasMessageContaining("reason from the list");
        assertThatThrownBy(() -> check(order, Demo.PHARMACIST, Map.of("finalCheckDecision", "sendBack",
                "sendBackReason", "OTHER", "lotDisposition", "keep it"))).hasMessageContaining("back to stock");
        check(order, Demo.PHARMACIST, Map.of("finalCheckDecision", "approve"));
        Task pickup = steps.awaitTask(order.number(), "Task_RecordPickup");

        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(pickup.getId(), Map.of("pickedUpBy", "a neighbour")))).hasMessageContaining("from the list");
        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(pickup.getId(), Map.of("pickedUpBy", "PATIENT", "idDocument", "LIBRARY_CARD"))))
                .hasMessageContaining("identity document from the list");
        assertThat(status(order)).isEqualTo("READY");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(pickup.getId(),
                Map.of("pickedUpBy", "CAREGIVER_OR_FAMILY", "idDocument", "DRIVERS_LICENSE")));
        assertThat(status(order)).isEqualTo("PICKED_UP");
    }

    @Test
    void aControlledSubstanceIsHandedOverOnlyAfterAnIdCheckAndAwaitsItsPdmpReport() {
        Paid order = steps.paidOrder(Demo.OXYCODONE);
        compound(order, Demo.TECHNICIAN, "pharmacy-technicians");
        check(order, Demo.PHARMACIST, Map.of("finalCheckDecision", "approve"));
        // Schedule II: a second pharmacist also checks it (SecondPharmacistIntegrationTests)
        Task second = steps.awaitTask(order.number(), "Task_SecondFinalCheck");
        users.as(Demo.PHARMACIST_2, "pharmacists", () -> engine.getTaskService().complete(second.getId(),
                Map.of("finalCheckDecision", "approve")));
        Task pickup = steps.awaitTask(order.number(), "Task_RecordPickup");
        assertThat(engine.getRuntimeService().getVariable(order.processId(), "controlled")).isEqualTo(true);

        assertThatThrownBy(() -> users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(pickup.getId(), Map.of("pickedUpBy", "PATIENT"))))
                .hasMessageContaining("controlled substance");
        assertThat(status(order)).isEqualTo("READY");
        users.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(pickup.getId(),
                Map.of("pickedUpBy", "PATIENT", "idDocument", "STATE_ID_CARD")));

        assertThat(status(order)).isEqualTo("PICKED_UP");
        Dispense dispense = transactions.asSystem(() -> dispenses.ofOrder(order.id())).get(0);
        assertThat(dispense.controlledSchedule()).isEqualTo(2);
        assertThat(dispense.idDocument()).isEqualTo("STATE_ID_CARD");
        assertThat(transactions.asSystem(() -> dispenses.controlledNotYetReported())).extracting(Dispense::id)
                .contains(dispense.id());
        assertThat((String) steps.audited("pickup.recorded", order.id()).get("details"))
                .contains("\"idChecked\": true", "STATE_ID_CARD");
    }

    @Test
    void theLabelOfAReleasedLineNamesPatientDrugControlNumberAndBeyondUseDateForPharmacyStaffOnly() {
        steps.powderLot("T-LABEL-" + UUID.randomUUID().toString().substring(0, 8), steps.today().plusDays(1),
                FulfillmentSteps.POWDER_FOR_TEN);
        Paid order = steps.paidOrder();
        compound(order, Demo.TECHNICIAN, "pharmacy-technicians");
        org.pestle.support.WebSession pharmacist = new org.pestle.support.WebSession(port, clock);
        pharmacist.signIn(Demo.PHARMACIST);
        String path = "/console/orders/" + order.id() + "/label";
        assertThat(pharmacist.get(path).statusCode()).as("nothing released yet").isEqualTo(409);

        check(order, Demo.PHARMACIST_2, Map.of("finalCheckDecision", "approve"));

        var label = pharmacist.get(path);
        assertThat(label.statusCode()).isEqualTo(200);
        assertThat(label.body()).contains("Marcus Wilson", "Naltrexone", "CR-" + order.number() + "-1-1",
                steps.today().plusDays(1).toString(), "Use as directed by the prescriber", "Mortar &amp; Pestle Compounding Pharmacy",
                "100 Demo Avenue", "Dr. ", "room temperature", "pharmacist2");
        org.pestle.support.WebSession prescriber = new org.pestle.support.WebSession(port, clock);
        prescriber.signIn(Demo.REYES);
        assertThat(prescriber.get(path).statusCode()).isEqualTo(403);
    }

    private void compound(Paid order, String user, String group) {
        Task task = steps.awaitTask(order.number(), "Task_CompoundOrder");
        users.as(user, group, () -> engine.getTaskService().complete(task.getId(), Map.of("compoundingConfirmed", true)));
    }

    private void check(Paid order, String pharmacist, Map<String, Object> variables) {
        Task task = steps.awaitTask(order.number(), "Task_FinalCheck");
        users.as(pharmacist, "pharmacists", () -> engine.getTaskService().complete(task.getId(), variables));
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
