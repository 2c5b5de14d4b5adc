package org.pestle.ordering.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.identity.Actor;
import org.pestle.identity.Role;
import org.pestle.ordering.LineStatus;
import org.pestle.ordering.OrderStatus;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/order-fulfillment.bpmn on every path, on the application's engine and PostgreSQL, with
 * the real delegates and decision. Orders enter as in production (OrderSubmissions); users act
 * with a Camunda authentication, as Tasklist sets one.
 */
@IntegrationTest
class OrderFulfillmentProcessIntegrationTests {

    static final Actor REYES = new Actor(UUID.fromString("00000000-0000-4000-8000-0000000000b1"), Demo.REYES,
            UUID.fromString("00000000-0000-4000-8000-000000000002"), Set.of(Role.PRESCRIBER), Set.of(Demo.NORTHSIDE));

    @Autowired
    ProcessEngine engine;

    @Autowired
    OrderSubmissions submissions;

    @Autowired
    OrderRepository orders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Transactions transactions;

    IdentityService identity;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(engine);
        identity = engine.getIdentityService();
    }

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
        transactions.signOut();
        BpmnAwareTests.reset();
    }

    @Test
    void acceptedOrderIsApprovedAndWaitsForPayment() {
        ProcessInstance process = submit(Demo.NALTREXONE, 0);

        awaitVerification(process);
        assertThat(process).variables().containsEntry("eligibility", "accept");
        assertThat(task(process)).hasCandidateGroup("pharmacists").hasFormKey(null);
        assertThat(task(process).getPriority()).isEqualTo(50);
        assertThat(order(process).status()).isEqualTo(OrderStatus.IN_REVIEW);

        as(Demo.PHARMACIST, "pharmacists", () -> complete(task(process), withVariables("verificationDecision", "approve")));

        assertThat(process).isWaitingAt("CallActivity_Payment");
        assertThat(order(process).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(order(process).lines()).extracting(OrderLine::status).containsOnly(LineStatus.APPROVED);
        assertThat(reviews(process)).containsExactly("APPROVED:null:pharmacist");
    }

    @Test
    void flaggedOrderIsApprovedAfterReview() {
        ProcessInstance process = submit(Demo.TESTOSTERONE, 0);

        awaitVerification(process);
        assertThat(process).variables().containsEntry("eligibility", "review");
        assertThat(task(process).getPriority()).isEqualTo(60);
        assertThat(order(process).lines()).extracting(OrderLine::status).containsOnly(LineStatus.FLAGGED);

        as(Demo.PHARMACIST, "pharmacists", () -> complete(task(process), withVariables("verificationDecision", "approve")));

        assertThat(process).isWaitingAt("CallActivity_Payment");
        assertThat(order(process).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    }

    @Test
    void flaggedOrderIsRejectedByThePharmacistWithAReason() {
        ProcessInstance process = submit(Demo.TESTOSTERONE, 0);
        awaitVerification(process);

        as(Demo.PHARMACIST, "pharmacists", () -> complete(task(process),
                withVariables("verificationDecision", "reject", "rejectionReason", "DRUG_INTERACTION")));

        assertThat(process).isEnded().hasPassed("EndEvent_OrderRejected");
        PharmacyOrder order = order(process);
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.statusReason()).isEqualTo("Rejected by pharmacist: DRUG_INTERACTION");
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.REJECTED);
        assertThat(reviews(process)).containsExactly("REJECTED:DRUG_INTERACTION:pharmacist");
    }

    @Test
    void pharmacistAsksThePrescriberAndApprovesAfterTheAnswer() {
        ProcessInstance process = submit(Demo.TESTOSTERONE, 0);
        awaitVerification(process);

        as(Demo.PHARMACIST, "pharmacists", () -> complete(task(process),
                withVariables("verificationDecision", "clarify", "clarificationQuestion", "CONFIRM_STRENGTH")));

        assertThat(process).isWaitingAt("Task_AnswerClarification");
        assertThat(task(process)).isAssignedTo(Demo.REYES);
        assertThat(order(process).status()).isEqualTo(OrderStatus.CLARIFICATION_REQUESTED);

        as(Demo.REYES, "prescribers", () -> complete(task(process),
                withVariables("clarificationAnswer", "CONFIRMED_AS_WRITTEN")));

        assertThat(process).isWaitingAt("Task_VerifyPrescription");
        assertThat(process).variables().doesNotContainKey("verificationDecision");
        assertThat(order(process).status()).isEqualTo(OrderStatus.IN_REVIEW);

        as(Demo.PHARMACIST_2, "pharmacists", () -> complete(task(process),
                withVariables("verificationDecision", "approve")));

        assertThat(process).isWaitingAt("CallActivity_Payment");
        assertThat(reviews(process)).containsExactly("CLARIFICATION_REQUESTED:CONFIRM_STRENGTH:pharmacist",
                "CLARIFICATION_ANSWERED:CONFIRMED_AS_WRITTEN:dr.reyes", "APPROVED:null:pharmacist2");
    }

    @Test
    void theCheckRunsInTheSubmissionSoTheTaskExistsWhenSubmitReturns() {
        ProcessInstance process = submit(Demo.NALTREXONE, 0);

        assertThat(process).isWaitingAt("Task_VerifyPrescription").hasPassed("Task_CheckEligibility")
                .hasNotPassed("Task_CheckEligibilityInJob");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(process.getId()).count()).isZero();
        assertThat(order(process).status()).isEqualTo(OrderStatus.IN_REVIEW);
    }

    @Test
    void aTableThatCannotBeEvaluatedDefersTheCheckToARetriedJobAndLosesNoOrder() throws Exception {
        String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("decisions/order-eligibility.dmn"));
        // an admin's edit that passes the console's checks but throws for every order at evaluation
        String broken = shipped.replace("<inputExpression id=\"InputExpression_ApprovedCompoundsOnly\" typeRef=\"boolean\">\n          <text>approvedCompoundsOnly</text>",
                "<inputExpression id=\"InputExpression_ApprovedCompoundsOnly\" typeRef=\"boolean\" expressionLanguage=\"juel\">\n          <text>${approvedCompoundsOnly.noSuchProperty}</text>");
        assertThat(broken).isNotEqualTo(shipped);
        var repository = engine.getRepositoryService();
        String brokenDeployment = repository.createDeployment().name("eligibility-broken-by-test")
                .addString("order-eligibility.dmn", broken).deploy().getId();
        ProcessInstance process;
        try {
            process = submit(Demo.NALTREXONE, 0);

            assertThat(process).isWaitingAt("Task_CheckEligibilityInJob");
            assertThat(process).variables().containsEntry("eligibility", "deferred");
            assertThat(order(process).status()).isEqualTo(OrderStatus.SUBMITTED);
            var management = engine.getManagementService();
            String jobId = management.createJobQuery().processInstanceId(process.getId()).singleResult().getId();
            ProcessInstance deferred = process;
            // the job executor tries it at once, and fails while the table is broken
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> management.createJobQuery().jobId(jobId).singleResult().getRetries() < 3);
            // the last retry fails too: an incident for the operator in Cockpit
            management.setJobRetries(jobId, 1);
            management.setJobDuedate(jobId, new java.util.Date());
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createIncidentQuery()
                    .processInstanceId(deferred.getId()).count() == 1);
            assertThat(order(process).status()).isEqualTo(OrderStatus.SUBMITTED);
        } finally {
            repository.deleteDeployment(brokenDeployment, true);
        }

        // the table is fixed (here: the broken version removed); the operator retries the job in Cockpit
        var management = engine.getManagementService();
        String jobId = management.createJobQuery().processInstanceId(process.getId()).singleResult().getId();
        management.setJobRetries(jobId, 1);
        management.setJobDuedate(jobId, new java.util.Date());
        ProcessInstance retried = process;
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(retried).isWaitingAt("Task_VerifyPrescription"));

        assertThat(process).isWaitingAt("Task_VerifyPrescription").hasPassed("Task_CheckEligibilityInJob");
        assertThat(process).variables().containsEntry("eligibility", "accept");
        assertThat(order(process).status()).isEqualTo(OrderStatus.IN_REVIEW);
    }

    @Test
    void ineligibleOrderEndsWithTheRulesReasonAndNoTask() {
        UUID orderId = submitOrder(Demo.OXYCODONE, 1);

        // the check runs in the submission: the process has ended when submit returns
        long number = transactions.asSystem(() -> orders.findById(orderId).orElseThrow().orderNumber());
        var history = engine.getHistoryService();
        var ended = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(number))
                .singleResult();
        assertThat(ended.getEndTime()).isNotNull();
        assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_OrderIneligible");
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(ended.getId()).list())
                .extracting(a -> a.getActivityId())
                .contains("Task_CheckEligibility").doesNotContain("Task_VerifyPrescription");
        PharmacyOrder order = transactions.asSystem(() -> orders.findById(orderId).orElseThrow());
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.statusReason()).isEqualTo("Line 1: Schedule II prescriptions cannot be refilled");
        assertThat(order.lines()).extracting(OrderLine::status).containsOnly(LineStatus.INELIGIBLE);
    }

    @Test
    void onlyAPharmacistCanDecideEvenWhenCamundaWouldLetTheUserComplete() {
        ProcessInstance process = submit(Demo.NALTREXONE, 0);
        awaitVerification(process);
        Task task = task(process);

        // admin is a Camunda administrator (no authorization checks) but not a pharmacist.
        assertThatThrownBy(() -> as(Demo.ADMIN, "camunda-admin", () -> complete(task,
                withVariables("verificationDecision", "approve"))))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("Only a pharmacist");
        // the technician is not even allowed to work on the task.
        assertThatThrownBy(() -> as(Demo.TECHNICIAN, "pharmacy-technicians", () -> complete(task,
                withVariables("verificationDecision", "approve"))))
                .isInstanceOf(ProcessEngineException.class);
        // nobody signed in
        assertThatThrownBy(() -> complete(task, withVariables("verificationDecision", "approve")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("signed-in user");

        assertThat(process).isWaitingAt("Task_VerifyPrescription");
        assertThat(order(process).status()).isEqualTo(OrderStatus.IN_REVIEW);
        assertThat(reviews(process)).isEmpty();
    }

    @Test
    void decisionsOutsideTheFormsListsAreRefusedOnTheServer() {
        ProcessInstance process = submit(Demo.NALTREXONE, 0);
        awaitVerification(process);
        Task task = task(process);

        assertThatThrownBy(() -> as(Demo.PHARMACIST, "pharmacists", () -> complete(task,
                withVariables("verificationDecision", "maybe"))))
                .hasMessageContaining("Decision must be approve, reject or clarify");
        assertThatThrownBy(() -> as(Demo.PHARMACIST, "pharmacists", () -> complete(task,
                withVariables("verificationDecision", "reject"))))
                .hasMessageContaining("A rejection needs a reason from the list");
        assertThatThrownBy(() -> as(Demo.PHARMACIST, "pharmacists", () -> complete(task,
                withVariables("verificationDecision", "reject", "rejectionReason", "free text about the patient"))))
                .hasMessageContaining("A rejection needs a reason from the list");
        assertThatThrownBy(() -> as(Demo.PHARMACIST, "pharmacists", () -> complete(task,
                withVariables("verificationDecision", "clarify"))))
                .hasMessageContaining("question for the prescriber");

        assertThat(process).isWaitingAt("Task_VerifyPrescription");
    }

    @Test
    void onlyTheOrderingPrescriberAnswersTheQuestion() {
        ProcessInstance process = submit(Demo.TESTOSTERONE, 0);
        awaitVerification(process);
        as(Demo.PHARMACIST, "pharmacists", () -> complete(task(process),
                withVariables("verificationDecision", "clarify", "clarificationQuestion", "CONFIRM_QUANTITY")));
        Task question = task(process);

        assertThatThrownBy(() -> as(Demo.ADMIN, "camunda-admin", () -> complete(question,
                withVariables("clarificationAnswer", "CONFIRMED_AS_WRITTEN"))))
                .hasMessageContaining("Only the prescriber of this order");
        assertThatThrownBy(() -> as(Demo.REYES, "prescribers", () -> complete(question,
                withVariables("clarificationAnswer", "YES"))))
                .hasMessageContaining("Choose an answer from the list");

        assertThat(process).isWaitingAt("Task_AnswerClarification");
    }

    private ProcessInstance submit(UUID compoundId, int refills) {
        UUID orderId = submitOrder(compoundId, refills);
        long number = transactions.asSystem(() -> orders.findById(orderId).orElseThrow().orderNumber());
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(number)).singleResult();
    }

    private UUID submitOrder(UUID compoundId, int refills) {
        NewOrder request = new NewOrder(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, List.of(new NewOrder.Line(
                compoundId, new BigDecimal("10"), 30, "Use as directed", refills)));
        transactions.signIn(Demo.REYES);
        UUID orderId;
        try {
            orderId = submissions.submit(REYES, request, Optional.empty()).orderId();
        } finally {
            transactions.signOut();
        }
        return orderId;
    }

    private void awaitVerification(ProcessInstance process) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(process).isWaitingAt("Task_VerifyPrescription"));
    }

    private PharmacyOrder order(ProcessInstance process) {
        UUID orderId = UUID.fromString((String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(process.getId()).variableName("orderId").singleResult().getValue());
        return transactions.asSystem(() -> orders.findById(orderId).orElseThrow());
    }

    private List<String> reviews(ProcessInstance process) {
        UUID orderId = order(process).id();
        return transactions.asSystem(() -> jdbc.sql("select action, code, actor from order_review where order_id = ? order by id")
                .param(orderId)
                .query((rs, row) -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3)).list());
    }

    /**
     * Acts as a signed-in user does through Tasklist: Spring Security's user, and Camunda's
     * authentication with the group given and the user's clinic tenants.
     */
    private void as(String user, String group, Runnable action) {
        transactions.signIn(user);
        List<String> tenants = identity.createTenantQuery().userMember(user).list().stream()
                .map(org.camunda.bpm.engine.identity.Tenant::getId).toList();
        identity.setAuthentication(user, List.of(group), tenants);
        try {
            action.run();
        } finally {
            identity.clearAuthentication();
            transactions.signOut();
        }
    }
}
