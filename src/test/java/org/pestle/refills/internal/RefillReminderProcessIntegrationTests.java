package org.pestle.refills.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.patients.Patients;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Orders;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.Transactions;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/refill-reminder.bpmn on the real engine and database: every path from the dispensed line to the refill
 * order, the STOP, the second reminder and the adherence call, the refusal and the renewal request. The timer
 * fires by the engine's clock (ClockUtil), the patient answers through Twilio's signed webhook, and only Twilio is
 * stood in.
 */
@IntegrationTest
class RefillReminderProcessIntegrationTests {

    @Autowired
    ProcessEngine engine;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RefillRecords records;

    @Autowired
    RefillProcess process;

    @Autowired
    Clinics clinics;

    @Autowired
    Patients patients;

    @Autowired
    ApprovedOrders approvedOrders;

    @Autowired
    org.pestle.portal.PatientPageRefills refills;

    @Autowired
    TestRestTemplate http;

    @Value("${pestle.time-zone}")
    ZoneId zone;

    Api api;

    @BeforeEach
    void init() {
        api = new Api(http);
        ProviderStandIns.server();
        ProviderStandIns.reset();
        optBackIn();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
        optBackIn();
    }

    @Test
    void theReminderIsDueTheClinicsLeadDaysBeforeRunOutAndAYesByTextPlacesARefillOrderInThePharmacistsQueue() {
        Dispensed dispensed = dispensedOrder(Demo.NALTREXONE, 30, 2);
        RefillRow refill = refill(dispensed, 0, 24);

        Job timer = reminderTimer(refill);
        int leadDays = clinics.find(Demo.NORTHSIDE).map(Clinic::refillReminderLeadDays).orElseThrow();
        Instant expected = LocalDate.ofInstant(refill.dispensedAt(), zone).plusDays(30).minusDays(leadDays)
                .atTime(10, 0).atZone(zone).toInstant();
        assertThat(timer.getDuedate().toInstant()).as("naltrexone: maintenance, the clinic's lead days")
                .isEqualTo(expected);
        fireAt(timer, timer.getDuedate().toInstant().plusSeconds(1));

        String reminder = awaitSent(SendRefillReminder.dedupeKey(refill, 1));
        assertThat(reminder).startsWith("Mortar & Pestle Compounding Pharmacy: a refill is due soon. Reply YES to "
                + "refill, STOP to stop. http").contains("/p/").doesNotContain("altrexone");
        assertThat(state(refill)).isEqualTo("REMINDED");

        ResponseEntity<String> answer = inbound(" Yes ", true);
        assertThat(answer.getBody()).contains("your refill request is with the pharmacist");

        UUID refillOrder = await().atMost(Duration.ofSeconds(30)).until(() -> records(refill).refillOrderId(),
                id -> id != null);
        JsonNode order = api.get(Demo.REYES, "/api/orders/" + refillOrder).json();
        assertThat(order.at("/lines").size()).isEqualTo(1);
        assertThat(order.at("/lines/0/compoundId").asText()).isEqualTo(Demo.NALTREXONE.toString());
        assertThat(order.at("/lines/0/daysSupply").asInt()).isEqualTo(30);
        assertThat(order.at("/lines/0/refillsAuthorized").asInt()).as("refills left after the first").isEqualTo(1);
        assertThat(order.get("patientId").asText()).isEqualTo(Demo.PATIENT_NORTHSIDE.toString());
        Map<String, Object> link = transactions.asSystem(() -> jdbc.sql("""
                select refill_of_order_id, refill_of_line, refill_number from orders where id = ?""")
                .param(refillOrder).query().singleRow());
        assertThat(link).containsEntry("refill_of_order_id", dispensed.id()).containsEntry("refill_of_line", 1)
                .containsEntry("refill_number", 1);
        long number = order.get("orderNumber").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(number)).taskDefinitionKey("Task_VerifyPrescription")
                .taskCandidateGroup("pharmacists").count() == 1);
        assertThat(state(refill)).isEqualTo("ORDERED");
        assertThat(audited(refill)).containsSubsequence("refill.reminder-sent", "refill.requested", "refill.ordered");
        assertThat(inbound("YES", true).getBody()).as("a second YES orders nothing more")
                .contains("no longer waiting");
        assertThat(ordersRefilling(dispensed)).isEqualTo(1);

        // the console's refill page: the clinic sees the line's state and its counts; another clinic does not
        org.pestle.support.WebSession clinicAdmin = new org.pestle.support.WebSession(port, clock);
        clinicAdmin.signIn(Demo.CLINIC_ADMIN);
        String page = clinicAdmin.get("/console/refills").body();
        assertThat(page).contains("#" + dispensed.number() + " line 1", "ORDERED", "Refills ordered");
        org.pestle.support.WebSession lakeside = new org.pestle.support.WebSession(port, clock);
        lakeside.signIn(Demo.OKAFOR);
        assertThat(lakeside.get("/console/refills").body()).contains("Refills")
                .doesNotContain("#" + dispensed.number() + " line 1");
    }

    @Test
    void stopEndsEveryReminderAndNoLaterTextIsSent() {
        RefillRow refill = refill(dispensedOrder(Demo.NALTREXONE, 30, 3), 0, 24);
        execute(reminderTimer(refill));
        awaitSent(SendRefillReminder.dedupeKey(refill, 1));

        assertThat(inbound("stop", true).getBody()).contains("unsubscribed");

        assertThat(state(refill)).isEqualTo("OPTED_OUT");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(RefillProcess.businessKey(refill.id())).count()).isZero();
        assertThat(audited(refill)).endsWith("refill.stopped");
        RefillRow next = refill(dispensedOrder(Demo.TRETINOIN, 30, 1), 0, 24);
        execute(reminderTimer(next));
        await().atMost(Duration.ofSeconds(30)).until(() -> state(next).equals("OPTED_OUT"));
        assertThat(textCount(SendRefillReminder.dedupeKey(next, 1))).as("no reminder queued after STOP").isZero();
    }

    @Test
    void noAnswerBringsASecondReminderAndThenACallByThePharmacyForAMaintenanceMedication() {
        RefillRow refill = refill(dispensedOrder(Demo.NALTREXONE, 30, 2), 0, 24);
        execute(reminderTimer(refill));
        awaitQueued(SendRefillReminder.dedupeKey(refill, 1));

        Job noAnswer = await().atMost(Duration.ofSeconds(30)).until(() -> timer(refill, "Event_NoAnswer"),
                j -> j != null);
        assertThat(noAnswer.getDuedate().toInstant()).as("maintenance: three days (refill-reminder-timing.dmn)")
                .isBetween(Instant.now().plus(Duration.ofDays(3)).minusSeconds(120),
                        Instant.now().plus(Duration.ofDays(3)));
        execute(noAnswer);
        String second = awaitQueued(SendRefillReminder.dedupeKey(refill, 2));
        assertThat(second).contains(": reminder, a refill is due. Reply YES to refill, STOP to stop.");
        assertThat(state(refill)).isEqualTo("REMINDED_AGAIN");

        Job stillNoAnswer = await().atMost(Duration.ofSeconds(30)).until(() -> timer(refill, "Event_StillNoAnswer"),
                j -> j != null);
        execute(stillNoAnswer);
        Task call = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(RefillProcess.businessKey(refill.id())).taskDefinitionKey("Task_CallPatient")
                .singleResult(), t -> t != null);
        assertThat(state(refill)).isEqualTo("ADHERENCE_CALL");
        approvedOrders.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(call.getId(),
                Map.of("adherenceOutcome", "REACHED_HAS_SUPPLY")));

        assertThat(records(refill).state()).isEqualTo("CLOSED");
        assertThat(audited(refill)).containsSubsequence("refill.reminder-sent", "refill.reminder-sent",
                "refill.adherence-call-recorded");
    }

    @Test
    void aRefillAskedForOnThePatientPageBeforeEnoughOfTheSupplyHasPassedIsRefusedWithTheReason() {
        RefillRow refill = refill(dispensedOrder(Demo.NALTREXONE, 30, 2), 0, 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> reminderTimerOrNull(refill) != null);

        assertThat(transactions.asSystem(() -> refills.upcoming(Demo.PATIENT_NORTHSIDE)))
                .anySatisfy(r -> assertThat(r.refillId()).isEqualTo(refill.id()));
        assertThat(transactions.asSystem(() -> refills.request(Demo.PATIENT_NORTHSIDE_2, refill.id())))
                .as("another patient's refill").isFalse();
        assertThat(transactions.asSystem(() -> refills.request(Demo.PATIENT_NORTHSIDE, refill.id()))).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> state(refill).equals("REFUSED"));
        assertThat(transactions.asSystem(() -> jdbc.sql("select state_reason from refill where id = ?")
                .param(refill.id()).query(String.class).single())).isEqualTo("TOO_EARLY");
        assertThat(records(refill).refillOrderId()).isNull();
        assertThat(audited(refill)).containsSubsequence("refill.requested", "refill.refused");
    }

    @Test
    void withNoRefillsLeftThePrescriberIsAskedToRenewInsteadOfThePatientReminded() {
        RefillRow refill = refill(dispensedOrder(Demo.NALTREXONE, 30, 0), 0, 24);
        execute(reminderTimer(refill));

        Task renewal = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(RefillProcess.businessKey(refill.id()))
                .taskDefinitionKey("Task_RequestRenewal").singleResult(), t -> t != null);
        assertThat(renewal.getAssignee()).isEqualTo(Demo.REYES);
        assertThat(state(refill)).isEqualTo("RENEWAL_REQUESTED");
        assertThat(textCount(SendRefillReminder.dedupeKey(refill, 1))).isZero();
        approvedOrders.as(Demo.REYES, "prescribers", () -> engine.getTaskService().complete(renewal.getId(),
                Map.of("renewalDecision", "WILL_PRESCRIBE")));
        assertThat(audited(refill)).containsSubsequence("refill.renewal-requested", "refill.renewal-answered");
    }

    @Test
    void thePatientSeesTheUpcomingRefillOnTheirPageAndPausesIt() {
        RefillRow refill = refill(dispensedOrder(Demo.NALTREXONE, 30, 2), 0, 24);
        reminderTimer(refill);
        Api.Response link = api.post(Demo.REYES, "/api/patients/" + Demo.PATIENT_NORTHSIDE + "/portal-link", null);
        String path = link.json().get("link").asText().substring(link.json().get("link").asText().indexOf("/p/"));
        org.pestle.support.WebSession patient = new org.pestle.support.WebSession(port, clock);
        String verify = patient.get(path).body();
        String page = patient.postForm(path, "dateOfBirth=1968-04-12&_csrf="
                + org.pestle.support.WebSession.csrfOf(verify)).body();
        assertThat(page).contains("Upcoming refills", "/refills/" + refill.id() + "/pause");

        String paused = patient.postForm(path + "/refills/" + refill.id() + "/pause", "dateOfBirth=1968-04-12&_csrf="
                + org.pestle.support.WebSession.csrfOf(page)).body();

        assertThat(paused).contains("The refill is paused").doesNotContain("/refills/" + refill.id() + "/pause");
        assertThat(state(refill)).isEqualTo("PAUSED");
        assertThat(reminderTimerOrNull(refill)).isNull();
        assertThat(audited(refill)).endsWith("refill.paused");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Autowired
    org.pestle.support.MutableClock clock;

    @Test
    void aYesWithAForgedSignatureChangesNothing() {
        RefillRow refill = refill(dispensedOrder(Demo.NALTREXONE, 30, 2), 0, 24);
        execute(reminderTimer(refill));
        awaitSent(SendRefillReminder.dedupeKey(refill, 1));

        assertThat(inbound("YES", false).getStatusCode().value()).isEqualTo(403);

        assertThat(state(refill)).isEqualTo("REMINDED");
        assertThat(records(refill).refillOrderId()).isNull();
        assertThat(timer(refill, "Event_NoAnswer")).as("still waiting for the answer").isNotNull();
    }

    // --- steps

    record Dispensed(UUID id, long number) {
    }

    /** An order of the demo patient at Northside (its own fulfillment waits for the pharmacist; only its line is refilled here). */
    private Dispensed dispensedOrder(UUID compound, int daysSupply, int refills) {
        JsonNode created = api.post(Demo.REYES, "/api/orders", Orders.order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                Orders.line(compound, 10, daysSupply, refills))).json();
        return new Dispensed(UUID.fromString(created.get("id").asText()), created.get("orderNumber").asLong());
    }

    /**
     * The refill of the order's line as the pickup records it ({@link RefillSchedules}), handed over
     * {@code daysAgo} days ago, with its process started.
     */
    private RefillRow refill(Dispensed order, int schedule, int daysAgo) {
        var view = transactions.asSystem(() -> ordersApi.findForSystem(order.id()).orElseThrow());
        Instant handedOver = Instant.now().minus(Duration.ofDays(daysAgo));
        RefillRow refill = new RefillRow(UUID.randomUUID(),
                clinics.find(view.clinicId()).orElseThrow().organizationId(), view.clinicId(),
                view.patientId(), order.id(), 1, view.createdAt(), order.id(), order.number(), 1,
                view.lines().get(0).compoundId(), schedule, catalog.isMaintenance(view.lines().get(0).compoundId()),
                view.lines().get(0).daysSupply(), 1, view.lines().get(0).refillsAuthorized(), handedOver,
                LocalDate.ofInstant(handedOver, zone).plusDays(view.lines().get(0).daysSupply()), "SCHEDULED", 0, null);
        transactions.asSystem(() -> {
            records.insert(refill);
            records.processStarted(refill.id(), process.start(refill));
            return null;
        });
        return refill;
    }

    @Autowired
    org.pestle.ordering.Orders ordersApi;

    @Autowired
    org.pestle.catalog.Catalog catalog;

    private Job reminderTimer(RefillRow refill) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> reminderTimerOrNull(refill), j -> j != null);
    }

    private Job reminderTimerOrNull(RefillRow refill) {
        return timer(refill, "Event_ReminderDue");
    }

    private Job timer(RefillRow refill, String activityId) {
        var instance = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(RefillProcess.businessKey(refill.id())).singleResult();
        return instance == null ? null : engine.getManagementService().createJobQuery()
                .processInstanceId(instance.getId()).timers().activityId(activityId).singleResult();
    }

    /**
     * Moves the engine's clock to {@code at} and lets the job executor fire the timer by it (it acquires only jobs due
     * by the engine's clock), then puts the clock back.
     */
    private void fireAt(Job timer, Instant at) {
        assertThat(timer.getDuedate().toInstant()).as("due by then").isBeforeOrEqualTo(at);
        ClockUtil.setCurrentTime(Date.from(at));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.getManagementService().createJobQuery()
                    .jobId(timer.getId()).count() == 0);
        } finally {
            ClockUtil.reset();
        }
    }

    /** Fires the timer now, as an operator does from Cockpit (its due date has not come). */
    private void execute(Job timer) {
        engine.getManagementService().executeJob(timer.getId());
    }

    private String awaitQueued(String dedupeKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> jdbc.sql(
                "select body from text_message where dedupe_key = ?").param(dedupeKey).query(String.class)
                .optional().orElse(null)), b -> b != null);
    }

    private String awaitSent(String dedupeKey) {
        awaitQueued(dedupeKey);
        return await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> jdbc.sql(
                "select body from text_message where dedupe_key = ? and status in ('SENT', 'DELIVERED')")
                .param(dedupeKey).query(String.class).optional().orElse(null)), b -> b != null);
    }

    private int textCount(String dedupeKey) {
        return transactions.asSystem(() -> jdbc.sql("select count(*) from text_message where dedupe_key = ?")
                .param(dedupeKey).query(Integer.class).single());
    }

    private ResponseEntity<String> inbound(String body, boolean signed) {
        String number = transactions.asSystem(() -> patients.smsNumber(Demo.PATIENT_NORTHSIDE)).orElseThrow();
        return ProviderStandIns.postTwilioWebhook(http, "/webhooks/twilio/inbound", Map.of("MessageSid",
                "SM" + UUID.randomUUID().toString().replace("-", ""), "From", number, "To", "+15005550006",
                "Body", body), signed);
    }

    private RefillRow records(RefillRow refill) {
        return transactions.asSystem(() -> records.find(refill.id()).orElseThrow());
    }

    private String state(RefillRow refill) {
        return records(refill).state();
    }

    private int ordersRefilling(Dispensed order) {
        return transactions.asSystem(() -> jdbc.sql("select count(*) from orders where refill_of_order_id = ?")
                .param(order.id()).query(Integer.class).single());
    }

    private List<String> audited(RefillRow refill) {
        return transactions.asSystem(() -> jdbc.sql("""
                select action from audit_record where entity_type = 'refill' and entity_id = ? order by seq""")
                .param(refill.id().toString()).query(String.class).list());
    }

    private void optBackIn() {
        transactions.asSystem(() -> jdbc.sql("delete from sms_consent").update()
                + jdbc.sql("delete from sms_number_opt_out").update());
    }
}
