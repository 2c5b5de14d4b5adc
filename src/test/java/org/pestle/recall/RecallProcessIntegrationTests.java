package org.pestle.recall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pestle.inventory.LotUse;
import org.pestle.inventory.Stock;
import org.pestle.inventory.StockRefused;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.MutableClock;
import org.pestle.support.Transactions;
import org.pestle.support.WebSession;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/recall.bpmn through the real entry points: two patients' naltrexone capsules compounded and released
 * from one powder lot (the order API, Tasklist's tasks, the dispensing API), then a recall record naming that lot
 * previewed and confirmed through the recall API; the engine's own jobs run the steps and the engine's clock
 * (ClockUtil) drives the escalation timer.
 */
@IntegrationTest
class RecallProcessIntegrationTests {

    static final UUID NALTREXONE_POWDER = UUID.fromString("00000000-0000-4000-8000-000000000105");
    static final String NALTREXONE_POWDER_NDC = "91001-0105-01";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;

    @Autowired
    ProcessEngine engine;

    @Autowired
    Transactions transactions;

    @Autowired
    ApprovedOrders approvedOrders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Stock stock;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @AfterEach
    void resetTheEnginesClock() {
        ClockUtil.reset();
    }

    @Test
    void aLotInTwoPatientsPreparationsIsQuarantinedBothAreTextedAndTheUnreachedOneIsEscalated() throws Exception {
        Api api = new Api(http);
        String lotNumber = "T-RCL-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        UUID lot = powderLot(lotNumber, new BigDecimal("0.5"));
        UUID first = dispensed(Demo.PATIENT_NORTHSIDE, lot);
        UUID secondPatient = UUID.fromString(api.post(Demo.REYES, "/api/patients", org.pestle.support.Patients.patient(
                Demo.NORTHSIDE, "Rowan", "Recall-" + lotNumber, "1961-05-02",
                "+1555" + (1_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(9_000_000))))
                .json().get("id").asText());
        UUID second = dispensed(secondPatient, lot);
        ObjectNode record = record("D-9001-2026", "Class II", "Lot # " + lotNumber + ", Exp 12/31/2027");
        int recallsBefore = count("select count(*) from recall");

        JsonNode preview = api.post(Demo.PHARMACIST, "/api/recalls/preview", record).json();
        assertThat(preview.at("/lots/0/lotNumber").asText()).isEqualTo(lotNumber);
        assertThat(preview.at("/ndcs/0/ndc").asText()).isEqualTo("91001010501");
        assertThat(preview.get("matches")).hasSize(1);
        assertThat(preview.at("/matches/0/lotId").asText()).isEqualTo(lot.toString());
        assertThat(preview.at("/matches/0/dispenses").asInt()).isEqualTo(2);
        assertThat(preview.at("/matches/0/patients").asInt()).isEqualTo(2);
        assertThat(count("select count(*) from recall")).as("the preview changes nothing").isEqualTo(recallsBefore);
        assertThat(lotStatus(lot)).isEqualTo("AVAILABLE");
        assertThat(api.post(Demo.TECHNICIAN, "/api/recalls/preview", record).status()).isEqualTo(403);

        Api.Response confirmed = api.post(Demo.PHARMACIST, "/api/recalls", Map.of("record", record));
        assertThat(confirmed.status()).isEqualTo(201);
        UUID recallId = UUID.fromString(confirmed.json().get("id").asText());
        Api.Response again = api.post(Demo.PHARMACIST, "/api/recalls", Map.of("record", record));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id").asText()).isEqualTo(recallId.toString());

        List<Task> contacts = await().atMost(Duration.ofSeconds(60)).until(() -> engine.getTaskService()
                .createTaskQuery().processInstanceBusinessKey("D-9001-2026").taskDefinitionKey("Task_ConfirmContact")
                .list(), l -> l.size() == 2);
        assertThat(lotStatus(lot)).isEqualTo("QUARANTINED");
        assertThat(movements(lot)).contains("QUARANTINED:RECALL:recall:D-9001-2026");
        assertThatThrownBy(() -> transactions.asSystem(() -> stock.debitForCompounding("test", "system:test",
                List.of(new LotUse(NALTREXONE_POWDER, lot, new BigDecimal("0.01"))))))
                .as("a quarantined lot is refused at compounding").isInstanceOf(StockRefused.class)
                .hasMessageContaining("quarantined");
        List<Map<String, Object>> patients = transactions.asSystem(() -> jdbc.sql(
                "select patient_id, text_status, prescriber_notified_at from recall_patient where recall_id = ?")
                .param(recallId).query().listOfRows());
        assertThat(patients).extracting(p -> p.get("patient_id"))
                .containsExactlyInAnyOrder(Demo.PATIENT_NORTHSIDE, secondPatient);
        assertThat(patients).allSatisfy(p -> {
            assertThat(p.get("text_status")).isNotNull();
            assertThat(p.get("prescriber_notified_at")).isNotNull();
        });
        List<String> texts = transactions.asSystem(() -> jdbc.sql(
                "select body from text_message where purpose = 'RECALL_NOTICE' and dedupe_key like ?")
                .param("RECALL_NOTICE:" + recallId + ":%").query(String.class).list());
        assertThat(texts).isNotEmpty().allSatisfy(body -> {
            assertThat(body).contains("please call us").doesNotContainIgnoringCase("naltrexone");
        });

        Task reached = contacts.stream().filter(t -> variable(t, "patientId").equals(Demo.PATIENT_NORTHSIDE.toString()))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> approvedOrders.as(Demo.TECHNICIAN, "pharmacy-technicians",
                () -> engine.getTaskService().complete(reached.getId(), Map.of("contactOutcome", "REACHED_PATIENT"))))
                .as("a technician may not record a recall contact").isInstanceOf(ProcessEngineException.class);
        assertThatThrownBy(() -> approvedOrders.as(Demo.PHARMACIST, "pharmacists",
                () -> engine.getTaskService().complete(reached.getId(), Map.of("contactOutcome", "MAYBE"))))
                .as("only a listed outcome").hasMessageContaining("outcome");
        approvedOrders.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(reached.getId(),
                Map.of("contactOutcome", "REACHED_PATIENT")));

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(4))));
        Job due = engine.getManagementService().createJobQuery().processInstanceId(reached.getProcessInstanceId())
                .timers().singleResult();
        engine.getManagementService().executeJob(due.getId());
        Task escalated = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("D-9001-2026")
                .taskDefinitionKey("Task_EscalatedContact").singleResult();
        assertThat(escalated.getPriority()).isEqualTo(90);
        approvedOrders.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(escalated.getId(),
                Map.of("contactOutcome", "NOT_REACHED_NO_ANSWER")));

        Task settle = engine.getTaskService().createTaskQuery().processInstanceBusinessKey("D-9001-2026")
                .taskDefinitionKey("Task_SettleStock").singleResult();
        approvedOrders.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(settle.getId(),
                Map.of("stockRemoval", "DESTROY")));

        JsonNode view = await().atMost(Duration.ofSeconds(60)).until(() -> api.get(Demo.PHARMACIST,
                "/api/recalls/" + recallId).json(), v -> v.get("status").asText().equals("CLOSED"));
        JsonNode report = view.get("report");
        assertThat(report.get("patients").asInt()).isEqualTo(2);
        assertThat(report.get("reached").asInt()).isEqualTo(1);
        assertThat(report.get("notReached").asInt()).isEqualTo(1);
        assertThat(report.at("/notReachedByReason/NOT_REACHED_NO_ANSWER").asInt()).isEqualTo(1);
        assertThat(report.get("escalated").asInt()).isEqualTo(1);
        assertThat(report.get("quantityOnHandAtQuarantine").decimalValue()).isEqualByComparingTo("0.23");
        assertThat(report.get("quantityDestroyed").decimalValue()).isEqualByComparingTo("0.23");
        assertThat(movements(lot)).contains("DESTROYED:RECALLED:recall:D-9001-2026");
        assertThat(onHand(lot)).isEqualByComparingTo("0");
        assertThat(view.at("/patients/0/orderIds")).hasSize(1);
        assertThat(List.of(view.at("/patients/0/orderIds/0").asText(), view.at("/patients/1/orderIds/0").asText()))
                .containsExactlyInAnyOrder(first.toString(), second.toString());

        Api.Response csv = api.get(Demo.PHARMACIST, "/api/recalls/" + recallId + "/report.csv");
        assertThat(csv.contentType().toString()).startsWith("text/csv");
        assertThat(csv.body()).contains("REACHED_PATIENT", "NOT_REACHED_NO_ANSWER", Demo.PATIENT_NORTHSIDE.toString())
                .doesNotContainIgnoringCase("naltrexone");

        JsonNode asPrescriber = api.get(Demo.REYES, "/api/recalls/" + recallId).json();
        assertThat(asPrescriber.get("patients")).as("Northside's patients").hasSize(2);
        assertThat(asPrescriber.get("lots")).as("stock is the pharmacy's").isEmpty();
        assertThat(api.get(Demo.PHARMACIST, "/api/recalls").json().findValuesAsText("id")).contains(recallId.toString());
        assertThat(auditActions(recallId)).contains("recall.confirmed", "recall.patient-notified",
                "recall.prescriber-notified", "recall.contact-recorded", "recall.contact-escalated", "recall.closed");
    }

    @Test
    void importingSampleD04882026QuarantinesTheDemoLotAndOpensTheDemoPatientsContactTask() throws Exception {
        Api api = new Api(http);
        UUID demoLot = UUID.fromString("00000000-0000-4000-8000-000000000219");
        UUID order = dispensed(Demo.PATIENT_NORTHSIDE, Demo.MAGNESIUM, null);
        JsonNode avantor = sample("D-0488-2026");

        JsonNode preview = api.post(Demo.PHARMACIST, "/api/recalls/preview", avantor).json();
        assertThat(preview.at("/matches/0/lotId").asText()).isEqualTo(demoLot.toString());
        assertThat(preview.at("/matches/0/ndc").asText()).isEqualTo("10106-2448-01");
        assertThat(preview.get("patientsMatched").asInt()).isEqualTo(1);
        UUID recallId = UUID.fromString(api.post(Demo.PHARMACIST, "/api/recalls", Map.of("record", avantor)).json()
                .get("id").asText());

        Task contact = await().atMost(Duration.ofSeconds(60)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey("D-0488-2026").taskDefinitionKey("Task_ConfirmContact").singleResult(),
                t -> t != null);
        assertThat(variable(contact, "patientId")).isEqualTo(Demo.PATIENT_NORTHSIDE.toString());
        assertThat(lotStatus(demoLot)).isEqualTo("QUARANTINED");
        JsonNode view = api.get(Demo.PHARMACIST, "/api/recalls/" + recallId).json();
        assertThat(view.at("/patients/0/orderIds/0").asText()).isEqualTo(order.toString());
        assertThat(view.at("/patients/0/textStatus").asText()).isIn("QUEUED", "NO_CONSENT");
        assertThat(view.get("contactDue").asText()).isEqualTo("P7D");

        WebSession browser = new WebSession(port, clock);
        browser.signIn(Demo.PHARMACIST);
        assertThat(browser.get("/console/orders/" + order).body()).as("the order page shows the recall")
                .contains("Recall D-0488-2026");
    }

    @Test
    void aRecallOfALotThePharmacyNeverHadEndsAtOnceWithAnEmptyReport() throws Exception {
        Api api = new Api(http);
        JsonNode norco = sample("D-0413-2018");
        JsonNode preview = api.post(Demo.PHARMACIST, "/api/recalls/preview", norco).json();
        assertThat(preview.get("matches")).isEmpty();
        assertThat(preview.at("/lots/0/lotNumber").asText()).isEqualTo("544821A");

        UUID recallId = UUID.fromString(api.post(Demo.PHARMACIST, "/api/recalls", Map.of("record", norco)).json()
                .get("id").asText());

        JsonNode view = await().atMost(Duration.ofSeconds(60)).until(() -> api.get(Demo.PHARMACIST,
                "/api/recalls/" + recallId).json(), v -> v.get("status").asText().equals("CLOSED"));
        assertThat(view.at("/report/patients").asInt()).isZero();
        assertThat(view.at("/report/lots").asInt()).isZero();
        assertThat(view.get("contactDue").asText()).isEqualTo("P7D");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey("D-0413-2018")
                .finished().count()).isEqualTo(1);
    }

    @Test
    void stockOnHandThatNoPatientReceivedIsReturnedToTheSupplier() throws Exception {
        Api api = new Api(http);
        String lotNumber = "T-RTS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        UUID lot = powderLot(lotNumber, new BigDecimal("2.5"));
        UUID other = powderLot("T-OTH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), BigDecimal.ONE);
        ObjectNode record = record("D-9002-2026", "Class I", "Lots: " + lotNumber + "*, Exp 06/2027");
        Api.Response refused = api.post(Demo.PHARMACIST, "/api/recalls", Map.of("record", record,
                "removeLots", List.of(Map.of("lotId", other.toString(), "reason", "not this one"))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("removeLots[0].lotId");

        UUID recallId = UUID.fromString(api.post(Demo.PHARMACIST, "/api/recalls", Map.of("record", record)).json()
                .get("id").asText());
        Task settle = await().atMost(Duration.ofSeconds(60)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey("D-9002-2026").taskDefinitionKey("Task_SettleStock").singleResult(),
                t -> t != null);
        assertThat(lotStatus(other)).isEqualTo("AVAILABLE");
        approvedOrders.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(settle.getId(),
                Map.of("stockRemoval", "RETURN_TO_SUPPLIER")));

        JsonNode view = await().atMost(Duration.ofSeconds(60)).until(() -> api.get(Demo.PHARMACIST,
                "/api/recalls/" + recallId).json(), v -> v.get("status").asText().equals("CLOSED"));
        assertThat(view.at("/report/quantityReturned").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(view.get("callAsWell").asBoolean()).isTrue();
        assertThat(movements(lot)).contains("ADJUSTED:RETURNED_TO_SUPPLIER:recall:D-9002-2026");
        assertThat(onHand(lot)).isEqualByComparingTo("0");
    }

    /** Compounds and releases 30 naltrexone capsules for the patient with the powder from this lot; the order id. */
    private UUID dispensed(UUID patient, UUID lot) {
        return dispensed(patient, Demo.NALTREXONE, lot);
    }

    /**
     * Compounds and releases 30 units of the compound for the patient, through the APIs and tasks; the naltrexone
     * powder from this lot when one is given (else the lots proposed first expiry first out); the order id.
     */
    private UUID dispensed(UUID patient, UUID compoundId, UUID lot) {
        Api api = new Api(http);
        ProviderStandIns.server();
        JsonNode created = api.post(Demo.REYES, "/api/orders", org.pestle.support.Orders.order(Demo.NORTHSIDE, patient,
                org.pestle.support.Orders.line(compoundId))).json();
        ApprovedOrders.Approved order = new ApprovedOrders.Approved(UUID.fromString(created.get("id").asText()),
                created.get("orderNumber").asLong(), Demo.REYES);
        Task verify = awaitTask(order.number(), "Task_VerifyPrescription");
        approvedOrders.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(verify.getId(),
                Map.of("verificationDecision", "approve")));
        String processId = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(order.number())).list().stream()
                .filter(p -> p.getSuperProcessInstanceId() == null).findFirst().orElseThrow().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService().createEventSubscriptionQuery()
                .eventName("PaymentSucceeded").list().stream().anyMatch(s -> engine.getRuntimeService()
                        .createProcessInstanceQuery().processInstanceId(s.getProcessInstanceId())
                        .superProcessInstanceId(processId).count() == 1));
        transactions.asSystem(() -> {
            engine.getRuntimeService().createProcessInstanceModification(processId)
                    .cancelAllForActivity("CallActivity_Payment").startBeforeActivity("Event_OrderPaid").execute();
            return null;
        });
        Task compound = awaitTask(order.number(), "Task_CompoundOrder");
        if (lot != null) {
            useLot(order.id(), lot);
        }
        approvedOrders.as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(compound.getId(), Map.of("compoundingConfirmed", true)));
        Task check = awaitTask(order.number(), "Task_FinalCheck");
        approvedOrders.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(check.getId(),
                Map.of("finalCheckDecision", "approve")));
        return order.id();
    }

    private void useLot(UUID orderId, UUID lot) {
        Api api = new Api(http);
        JsonNode draft = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(Demo.TECHNICIAN,
                "/api/orders/" + orderId + "/dispensing").json(), d -> d.at("/compoundings/0/lots").size() > 0);
        List<Map<String, Object>> lots = new ArrayList<>();
        BigDecimal powder = BigDecimal.ZERO;
        for (JsonNode use : draft.at("/compoundings/0/lots")) {
            if (use.get("itemId").asText().equals(NALTREXONE_POWDER.toString())) {
                powder = powder.add(use.get("quantity").decimalValue());
            } else {
                lots.add(Map.of("itemId", use.get("itemId").asText(), "lotId", use.get("lotId").asText(),
                        "quantity", use.get("quantity").decimalValue()));
            }
        }
        lots.add(Map.of("itemId", NALTREXONE_POWDER.toString(), "lotId", lot.toString(), "quantity", powder));
        assertThat(api.exchange(Demo.TECHNICIAN, HttpMethod.PUT, "/api/orders/" + orderId
                + "/dispensing/lines/1/lots", Map.of("lots", lots), Map.of()).status()).isEqualTo(200);
    }

    private Task awaitTask(long orderNumber, String key) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(orderNumber)).taskDefinitionKey(key).singleResult(),
                t -> t != null);
    }

    private UUID powderLot(String lotNumber, BigDecimal quantity) {
        UUID id = UUID.randomUUID();
        transactions.asSystem(() -> {
            jdbc.sql("""
                    insert into inventory_lot (id, item_id, lot_number, expires_on, supplier, received_on)
                    values (?, ?, ?, ?, 'Test Supplier', current_date - 30)""")
                    .params(id, NALTREXONE_POWDER, lotNumber, LocalDate.now().plusDays(300)).update();
            return jdbc.sql("insert into stock_movement (lot_id, kind, quantity, actor) values (?, 'RECEIVED', ?, 'system:test')")
                    .params(id, quantity).update();
        });
        return id;
    }

    private static ObjectNode record(String recallNumber, String classification, String codeInfo) {
        ObjectNode record = JSON.createObjectNode().put("recall_number", recallNumber)
                .put("classification", classification).put("status", "Ongoing")
                .put("recalling_firm", "Test Supply Co.").put("product_description",
                        "Naltrexone hydrochloride USP powder, 25 g bottle, NDC " + NALTREXONE_POWDER_NDC)
                .put("code_info", codeInfo);
        record.putObject("openfda");
        return record;
    }

    private static JsonNode sample(String recallNumber) throws Exception {
        try (InputStream in = RecallProcessIntegrationTests.class.getResourceAsStream(
                "/recall/openfda-drug-enforcement-samples.json")) {
            for (JsonNode r : JSON.readTree(in).get("results")) {
                if (r.get("recall_number").asText().equals(recallNumber)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException(recallNumber);
    }

    private String variable(Task task, String name) {
        return String.valueOf(engine.getTaskService().getVariable(task.getId(), name));
    }

    private int count(String sql) {
        return transactions.asSystem(() -> jdbc.sql(sql).query(Integer.class).single());
    }

    private String lotStatus(UUID lot) {
        return transactions.asSystem(() -> jdbc.sql("select status from inventory_lot where id = ?").param(lot)
                .query(String.class).single());
    }

    private BigDecimal onHand(UUID lot) {
        return transactions.asSystem(() -> jdbc.sql("select coalesce(sum(quantity), 0) from stock_movement where lot_id = ?")
                .param(lot).query(BigDecimal.class).single());
    }

    private List<String> movements(UUID lot) {
        return transactions.asSystem(() -> jdbc.sql("""
                select kind || ':' || coalesce(reason, '') || ':' || coalesce(reference, '') from stock_movement
                where lot_id = ? order by id""").param(lot).query(String.class).list());
    }

    private List<String> auditActions(UUID recallId) {
        return transactions.asSystem(() -> jdbc.sql("select action from audit_record where entity_id = ?")
                .param(recallId.toString()).query(String.class).list());
    }
}
