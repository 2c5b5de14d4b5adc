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
 * processes/return-to-wholesaler.bpmn through its real entry point: a short-dated lot picked, packed with the
 * return authorization, shipped (out of the ledger) and credited; a Schedule II lot that needs a pharmacist
 * and the DEA Form 222 of the receiving registrant, and whose credit is denied.
 */
@IntegrationTest
class ReturnToWholesalerProcessIntegrationTests {

    @Autowired
    ProcessEngine engine;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestRestTemplate http;

    @Autowired
    Clock clock;

    @Value("${pestle.time-zone}")
    ZoneId zone;

    StockFixtures fixtures;
    Api api;
    LocalDate today;

    @BeforeEach
    void setUp() {
        fixtures = new StockFixtures(transactions, jdbc);
        api = new Api(http);
        today = clock.instant().atZone(zone).toLocalDate();
    }

    @Test
    void aShortDatedLotIsPickedPackedShippedOutOfTheLedgerAndCredited() {
        UUID item = fixtures.item("Short-dated base", 0, "g");
        UUID lot = fixtures.lot(item, "SD-1", today.plusDays(20), new BigDecimal("40"));

        Response started = api.post(Demo.TECHNICIAN, "/api/inventory/returns", Map.of("lotId", lot, "quantity", 30,
                "reason", "SHORT_DATED"), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        String id = started.json().get("id").asText();
        assertThat(started.json().get("wholesaler").asText()).as("the lot's supplier by default")
                .isEqualTo("Test Supplier");

        complete(id, "Task_PickReturn", Demo.TECHNICIAN, "pharmacy-technicians", Map.of("returnPicked", true));
        assertThatThrownBy(() -> complete(id, "Task_PackReturn", Demo.TECHNICIAN, "pharmacy-technicians", Map.of()))
                .hasMessageContaining("return authorization");
        complete(id, "Task_PackReturn", Demo.TECHNICIAN, "pharmacy-technicians",
                Map.of("returnAuthorizationNumber", "RA-77812"));
        assertThat(fixtures.ledgerSum(lot)).isEqualByComparingTo("40");
        complete(id, "Task_ShipReturn", Demo.TECHNICIAN, "pharmacy-technicians", Map.of("returnShipped", true));
        assertThat(fixtures.ledgerSum(lot)).isEqualByComparingTo("10");
        assertThat(fixtures.movements(lot, "RETURNED_TO_SUPPLIER")).isOne();
        complete(id, "Task_RecordReturnCredit", Demo.ADMIN, "pharmacy-admins",
                Map.of("creditOutcome", "CREDITED", "creditAmount", "312.40"));

        assertThat(ended(id)).isEqualTo("EndEvent_ReturnCredited");
        JsonNode ret = api.get(Demo.ADMIN, "/api/inventory/returns/" + id).json();
        assertThat(ret.get("status").asText()).isEqualTo("CREDITED");
        assertThat(ret.get("steps")).extracting(s -> s.get("step").asText() + " " + s.get("actor").asText())
                .containsExactly("PICKED technician", "PACKED technician", "SHIPPED technician", "CREDITED admin");
        assertThat(ret.get("steps").get(3).get("creditAmount").decimalValue()).isEqualByComparingTo("312.40");
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select action from audit_record where entity_type = 'return' and entity_id = ? order by seq""")
                .param(id).query(String.class).list())).containsExactly("return.requested", "return.picked",
                        "return.packed", "return.shipped", "return.credited");
    }

    @Test
    void aScheduleTwoReturnNeedsAPharmacistAndTheDea222AndItsCreditMayBeDenied() {
        UUID item = fixtures.item("Returned oxycodone powder", 2, "g");
        UUID lot = fixtures.lot(item, "OXR-1", today.minusDays(3), new BigDecimal("6"));
        String id = api.post(Demo.PHARMACIST, "/api/inventory/returns", Map.of("lotId", lot, "quantity", 6,
                "reason", "EXPIRED", "wholesaler", "Demo Wholesale Drug Co.")).json().get("id").asText();

        Task approval = task(id);
        assertThat(approval.getTaskDefinitionKey()).isEqualTo("Task_PharmacistApprovesReturn");
        assertThatThrownBy(() -> complete(id, "Task_PharmacistApprovesReturn", Demo.TECHNICIAN,
                "pharmacy-technicians", Map.of("returnApproved", true))).isInstanceOf(AuthorizationException.class);
        complete(id, "Task_PharmacistApprovesReturn", Demo.PHARMACIST, "pharmacists", Map.of("returnApproved", true));
        assertThatThrownBy(() -> complete(id, "Task_PickReturn", Demo.TECHNICIAN, "pharmacy-technicians",
                Map.of("returnPicked", true))).hasMessageContaining("pharmacist");
        complete(id, "Task_PickReturn", Demo.PHARMACIST, "pharmacists", Map.of("returnPicked", true));
        assertThatThrownBy(() -> complete(id, "Task_PackReturn", Demo.PHARMACIST, "pharmacists",
                Map.of("returnAuthorizationNumber", "RA-5501"))).hasMessageContaining("DEA Form 222");
        complete(id, "Task_PackReturn", Demo.PHARMACIST, "pharmacists",
                Map.of("returnAuthorizationNumber", "RA-5501", "deaForm222Number", "222-270100088"));
        complete(id, "Task_ShipReturn", Demo.PHARMACIST, "pharmacists", Map.of("returnShipped", true));
        assertThatThrownBy(() -> complete(id, "Task_RecordReturnCredit", Demo.PHARMACIST, "pharmacists",
                Map.of("creditOutcome", "DENIED"))).hasMessageContaining("why");
        complete(id, "Task_RecordReturnCredit", Demo.PHARMACIST, "pharmacists",
                Map.of("creditOutcome", "DENIED", "denialReason", "PAST_RETURN_WINDOW"));

        assertThat(ended(id)).isEqualTo("EndEvent_ReturnDenied");
        JsonNode record = api.get(Demo.PHARMACIST, "/api/inventory/controlled/items/" + item + "/record").json();
        assertThat(record.get("balance").decimalValue()).isEqualByComparingTo("0");
        assertThat(record.get("entries").get(1).get("kind").asText()).isEqualTo("RETURNED_TO_SUPPLIER");
        assertThat(record.get("entries").get(1).get("reference").asText()).isEqualTo("return:" + id);
        JsonNode ret = api.get(Demo.PHARMACIST, "/api/inventory/returns/" + id).json();
        assertThat(ret.get("steps").get(1).get("deaForm222Number").asText()).isEqualTo("222-270100088");
        assertThat(ret.get("status").asText()).isEqualTo("DENIED");
    }

    @Test
    void aReturnIsForPharmacyStaffAndNoMoreThanTheLotHolds() {
        UUID item = fixtures.item("Returned base", 0, "g");
        UUID lot = fixtures.lot(item, "RB-1", today.plusDays(20), new BigDecimal("5"));

        assertThat(api.post(Demo.PHARMACIST, "/api/inventory/returns", Map.of("lotId", lot, "quantity", 6,
                "reason", "SHORT_DATED")).json().at("/errors/0/field").asText()).isEqualTo("quantity");
        assertThat(api.post(Demo.PHARMACIST, "/api/inventory/returns", Map.of("lotId", lot, "quantity", 1,
                "reason", "BORED")).json().at("/errors/0/field").asText()).isEqualTo("reason");
        assertThat(api.post(Demo.CLINIC_ADMIN, "/api/inventory/returns", Map.of("lotId", lot, "quantity", 1,
                "reason", "SHORT_DATED")).status()).isEqualTo(403);
    }

    private Task task(String returnId) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(returnId).singleResult();
    }

    private void complete(String returnId, String taskKey, String user, String group, Map<String, Object> variables) {
        Task task = task(returnId);
        assertThat(task.getTaskDefinitionKey()).isEqualTo(taskKey);
        // as Tasklist does it: the user signed in (their data scope) and authenticated to the engine
        transactions.signIn(user);
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
            transactions.signOut();
        }
    }

    private String ended(String returnId) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(returnId)
                .singleResult().getEndActivityId();
    }
}
