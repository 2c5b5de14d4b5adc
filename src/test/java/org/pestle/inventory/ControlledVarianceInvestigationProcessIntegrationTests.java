package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Api.Response;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reconciliation of Schedule II stock and processes/controlled-variance-investigation.bpmn: a count that
 * matches the ledger closes the period, one that differs opens an investigation task for a pharmacist, whose
 * outcome (theft or loss with the DEA Form 106 reference) is recorded.
 */
@IntegrationTest
class ControlledVarianceInvestigationProcessIntegrationTests {

    @Autowired
    ProcessEngine engine;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Stock stock;

    @Autowired
    TestRestTemplate http;

    @Autowired
    Clock clock;

    @Value("${pestle.time-zone}")
    ZoneId zone;

    StockFixtures fixtures;
    Api api;
    UUID item;
    UUID lot;

    @BeforeEach
    void aScheduleTwoItem() {
        fixtures = new StockFixtures(transactions, jdbc);
        api = new Api(http);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        item = fixtures.item("Reconciled hydromorphone powder", 2, "g");
        lot = fixtures.lot(item, "HYD-R1", today.plusDays(300), new BigDecimal("20"));
        transactions.asSystem(() -> stock.debitForCompounding("compounding-r1", "technician",
                List.of(new LotUse(item, lot, new BigDecimal("2.5")))));
    }

    @Test
    void aCountThatMatchesTheLedgerClosesThePeriodAndTheNextPeriodOpensWithIt() {
        Response first = reconcile(Demo.ADMIN, "17.5", UUID.randomUUID().toString());

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode r = first.json();
        assertThat(numbers(r)).isEqualTo("0 20 2.5 0 0 0 17.5 17.5 0");
        assertThat(r.get("status").asText()).isEqualTo("BALANCED");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(r.get("id").asText()).count()).isZero();

        transactions.asSystem(() -> stock.debitForCompounding("compounding-r2", "technician",
                List.of(new LotUse(item, lot, new BigDecimal("1.5")))));
        JsonNode second = reconcile(Demo.PHARMACIST, "16", null).json();
        assertThat(numbers(second)).isEqualTo("17.5 0 1.5 0 0 0 16 16 0");
        JsonNode record = api.get(Demo.PHARMACIST, "/api/inventory/controlled/items/" + item + "/record").json();
        assertThat(record.get("balance").decimalValue()).isEqualByComparingTo(second.get("expected").decimalValue());
        assertThat(api.get(Demo.ADMIN, "/api/inventory/controlled/items/" + item + "/reconciliations").json()
                .get("reconciliations")).hasSize(2);
    }

    @Test
    void aRetriedReconciliationIsRecordedOnce() {
        String key = UUID.randomUUID().toString();

        Response first = reconcile(Demo.PHARMACIST, "17.5", key);
        Response again = reconcile(Demo.PHARMACIST, "17.5", key);

        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(reconcile(Demo.PHARMACIST, "17", key).status()).isEqualTo(422);
    }

    @Test
    void aVarianceOpensAnInvestigationWhoseTheftOutcomeNeedsTheDeaForm106Reference() {
        JsonNode r = reconcile(Demo.ADMIN, "16.5", null).json();

        assertThat(r.get("variance").decimalValue()).isEqualByComparingTo("-1");
        assertThat(r.get("status").asText()).isEqualTo("UNDER_INVESTIGATION");
        String id = r.get("id").asText();
        Task task = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(id).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_InvestigateVariance");
        assertThat(engine.getTaskService().createTaskQuery().taskId(task.getId()).taskCandidateGroup("pharmacists")
                .count()).isOne();
        assertThat(engine.getRuntimeService().getVariables(task.getProcessInstanceId()))
                .containsOnlyKeys("reconciliationId", "itemId", "variance");

        assertThatThrownBy(() -> as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService().complete(
                task.getId(), Map.of("investigationOutcome", "COUNTING_ERROR"))))
                .isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as(Demo.ADMIN, "camunda-admin", () -> engine.getTaskService().complete(
                task.getId(), Map.of("investigationOutcome", "COUNTING_ERROR"))))
                .hasMessageContaining("Only a pharmacist");
        assertThatThrownBy(() -> as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(
                task.getId(), Map.of("investigationOutcome", "THEFT"))))
                .hasMessageContaining("DEA Form 106");
        as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(task.getId(),
                Map.of("investigationOutcome", "THEFT", "deaForm106Reference", "TL-2026-0042")));

        JsonNode closed = api.get(Demo.PHARMACIST, "/api/inventory/controlled/reconciliations/" + id).json();
        assertThat(closed.get("status").asText()).isEqualTo("INVESTIGATED");
        assertThat(closed.get("investigationOutcome").asText()).isEqualTo("THEFT");
        assertThat(closed.get("deaForm106Reference").asText()).isEqualTo("TL-2026-0042");
        assertThat(closed.get("investigatedBy").asText()).isEqualTo(Demo.PHARMACIST);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
                .singleResult().getEndActivityId()).isEqualTo("EndEvent_VarianceInvestigated");
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select action from audit_record where entity_type = 'reconciliation' and entity_id = ? order by seq""")
                .param(id).query(String.class).list()))
                .containsExactly("controlled.reconciled", "controlled.variance-investigated");
    }

    @Test
    void reconciliationsAreForScheduleTwoItemsByPharmacyStaffOnlyAndAppendOnly() {
        UUID notControlled = fixtures.item("Plain powder", 0, "g");
        assertThat(api.post(Demo.PHARMACIST, "/api/inventory/controlled/reconciliations",
                Map.of("itemId", notControlled, "counted", 1)).json().at("/errors/0/field").asText()).isEqualTo("itemId");
        assertThat(api.post(Demo.TECHNICIAN, "/api/inventory/controlled/reconciliations",
                Map.of("itemId", item, "counted", 1)).status()).isEqualTo(403);
        assertThat(api.post(Demo.REYES, "/api/inventory/controlled/reconciliations",
                Map.of("itemId", item, "counted", 1)).status()).isEqualTo(403);
        assertThat(api.post(Demo.PHARMACIST, "/api/inventory/controlled/reconciliations",
                Map.of("itemId", item, "counted", -1)).json().at("/errors/0/field").asText()).isEqualTo("counted");

        String id = reconcile(Demo.PHARMACIST, "17.5", null).json().get("id").asText();
        assertThatThrownBy(() -> transactions.asSystem(() -> jdbc.sql(
                "update controlled_reconciliation set counted = 0 where id = ?::uuid").param(id).update()))
                .rootCause().hasMessageContaining("append-only");
    }

    private Response reconcile(String user, String counted, String key) {
        return api.post(user, "/api/inventory/controlled/reconciliations",
                Map.of("itemId", item, "counted", new BigDecimal(counted)),
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private static String numbers(JsonNode r) {
        return String.join(" ", List.of("opening", "received", "dispensed", "destroyed", "returned", "adjusted",
                "expected", "counted", "variance").stream().map(f -> r.get(f).decimalValue().stripTrailingZeros()
                .toPlainString()).toList());
    }

    /** As Tasklist does it: the user signed in (their data scope) and authenticated to the engine. */
    private void as(String user, String group, Runnable action) {
        transactions.signIn(user);
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            action.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
            transactions.signOut();
        }
    }
}
