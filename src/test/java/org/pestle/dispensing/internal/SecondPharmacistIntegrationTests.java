package org.pestle.dispensing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Orders;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * decisions/verification-level.dmn in processes/order-fulfillment.bpmn: a Schedule II order (the demo
 * oxycodone, no refills) is verified by two different pharmacists before payment and checked by two before
 * release, neither of them the compounder; the server refuses the same pharmacist twice; an order the table
 * does not name flows through one pharmacist as before.
 */
@IntegrationTest
class SecondPharmacistIntegrationTests {

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

    @Test
    void aScheduleTwoOrderNeedsTwoDifferentPharmacistsAtVerificationAndAtTheFinalCheck() {
        ProviderStandIns.server();
        var created = new Api(http).post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE,
                Demo.PATIENT_NORTHSIDE, Orders.line(Demo.OXYCODONE, 10, 30, 0))).json();
        UUID id = UUID.fromString(created.get("id").asText());
        long number = created.get("orderNumber").asLong();

        Task verify = steps.awaitTask(number, "Task_VerifyPrescription");
        String processId = verify.getProcessInstanceId();
        assertThat(engine.getRuntimeService().getVariable(processId, "secondPharmacistRequired")).isEqualTo(true);
        complete(Demo.PHARMACIST, verify, Map.of("verificationDecision", "approve"));
        assertThat(status(id)).as("still in review until the second pharmacist").isEqualTo("IN_REVIEW");

        Task second = steps.awaitTask(number, "Task_SecondVerification");
        assertThatThrownBy(() -> complete(Demo.PHARMACIST, second, Map.of("secondVerificationDecision", "approve")))
                .hasMessageContaining("another pharmacist");
        assertThat(steps.awaitTask(number, "Task_SecondVerification").getId()).as("the task stays open")
                .isEqualTo(second.getId());
        assertThat(status(id)).isEqualTo("IN_REVIEW");
        complete(Demo.PHARMACIST_2, second, Map.of("secondVerificationDecision", "approve"));
        assertThat(status(id)).isEqualTo("AWAITING_PAYMENT");
        assertThat(reviews(id)).containsExactly("APPROVED:pharmacist", "SECOND_APPROVED:pharmacist2");
        assertThat(steps.audited("order.first-verified", id).get("actor")).isEqualTo(Demo.PHARMACIST);
        assertThat(steps.audited("order.approved", id).get("actor")).isEqualTo(Demo.PHARMACIST_2);

        await(processId);
        transactions.asSystem(() -> {
            engine.getRuntimeService().createProcessInstanceModification(processId)
                    .cancelAllForActivity("CallActivity_Payment").startBeforeActivity("Event_OrderPaid").execute();
            return null;
        });
        Task compound = steps.awaitTask(number, "Task_CompoundOrder");
        complete(Demo.TECHNICIAN, "pharmacy-technicians", compound, Map.of("compoundingConfirmed", true));

        Task check = steps.awaitTask(number, "Task_FinalCheck");
        complete(Demo.PHARMACIST, check, Map.of("finalCheckDecision", "approve"));
        assertThat(status(id)).as("nothing released after the first check").isEqualTo("FINAL_CHECK");
        assertThat(transactions.asSystem(() -> dispenses.ofOrder(id))).isEmpty();

        Task secondCheck = steps.awaitTask(number, "Task_SecondFinalCheck");
        assertThatThrownBy(() -> complete(Demo.PHARMACIST, secondCheck, Map.of("finalCheckDecision", "approve")))
                .hasMessageContaining("another pharmacist");
        assertThatThrownBy(() -> complete(Demo.PHARMACIST_2, secondCheck, Map.of()))
                .as("the first check's decision does not stand for the second").hasMessageContaining("Decision");
        assertThat(status(id)).isEqualTo("FINAL_CHECK");
        complete(Demo.PHARMACIST_2, secondCheck, Map.of("finalCheckDecision", "approve"));

        steps.awaitTask(number, "Task_RecordPickup");
        assertThat(status(id)).isEqualTo("READY");
        assertThat(checks(id)).containsExactly("1:APPROVED:pharmacist", "2:APPROVED:pharmacist2");
        Dispense dispense = transactions.asSystem(() -> dispenses.ofOrder(id)).get(0);
        assertThat(dispense.pharmacist()).isEqualTo(Demo.PHARMACIST_2);
        assertThat(steps.audited("final-check.first-of-two-passed", id).get("actor")).isEqualTo(Demo.PHARMACIST);
        assertThat(steps.audited("final-check.passed", id).get("actor")).isEqualTo(Demo.PHARMACIST_2);
    }

    @Test
    void aSecondPharmacistCanRejectAScheduleTwoOrderWithACodedReason() {
        ProviderStandIns.server();
        var created = new Api(http).post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE,
                Demo.PATIENT_NORTHSIDE, Orders.line(Demo.OXYCODONE, 10, 30, 0))).json();
        UUID id = UUID.fromString(created.get("id").asText());
        long number = created.get("orderNumber").asLong();
        complete(Demo.PHARMACIST, steps.awaitTask(number, "Task_VerifyPrescription"),
                Map.of("verificationDecision", "approve"));
        Task second = steps.awaitTask(number, "Task_SecondVerification");
        assertThatThrownBy(() -> complete(Demo.PHARMACIST_2, second, Map.of("secondVerificationDecision", "reject")))
                .hasMessageContaining("reason");
        complete(Demo.PHARMACIST_2, second, Map.of("secondVerificationDecision", "reject",
                "rejectionReason", "DOSE_OUT_OF_RANGE"));
        assertThat(status(id)).isEqualTo("REJECTED");
        assertThat(reviews(id)).containsExactly("APPROVED:pharmacist", "SECOND_REJECTED:pharmacist2");
    }

    @Test
    void aNonControlledOrderHasNoSecondStep() {
        FulfillmentSteps.Paid order = steps.paidOrder(Demo.NALTREXONE);
        assertThat(engine.getRuntimeService().getVariable(order.processId(), "secondPharmacistRequired"))
                .isEqualTo(false);
        complete(Demo.TECHNICIAN, "pharmacy-technicians", steps.awaitTask(order.number(), "Task_CompoundOrder"),
                Map.of("compoundingConfirmed", true));
        complete(Demo.PHARMACIST, steps.awaitTask(order.number(), "Task_FinalCheck"),
                Map.of("finalCheckDecision", "approve"));
        steps.awaitTask(order.number(), "Task_RecordPickup");
        assertThat(status(order.id())).isEqualTo("READY");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(order.processId()).list())
                .extracting(a -> a.getActivityId())
                .doesNotContain("Task_SecondVerification", "Task_SecondFinalCheck");
        assertThat(reviews(order.id())).containsExactly("APPROVED:pharmacist");
    }

    private void await(String processId) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> engine
                .getRuntimeService().createEventSubscriptionQuery().eventName("PaymentSucceeded").list().stream()
                .anyMatch(s -> engine.getRuntimeService().createProcessInstanceQuery()
                        .processInstanceId(s.getProcessInstanceId()).superProcessInstanceId(processId).count() == 1));
    }

    private void complete(String pharmacist, Task task, Map<String, Object> variables) {
        complete(pharmacist, "pharmacists", task, variables);
    }

    private void complete(String user, String group, Task task, Map<String, Object> variables) {
        users.as(user, group, () -> engine.getTaskService().complete(task.getId(), variables));
    }

    private String status(UUID orderId) {
        return transactions.asSystem(() -> jdbc.sql("select status from orders where id = ?").param(orderId)
                .query(String.class).single());
    }

    private List<String> reviews(UUID orderId) {
        return transactions.asSystem(() -> jdbc.sql(
                "select action || ':' || actor from order_review where order_id = ? order by id")
                .param(orderId).query(String.class).list());
    }

    private List<String> checks(UUID orderId) {
        return transactions.asSystem(() -> jdbc.sql(
                "select step || ':' || outcome || ':' || checked_by from final_check where order_id = ? order by id")
                .param(orderId).query(String.class).list());
    }
}
