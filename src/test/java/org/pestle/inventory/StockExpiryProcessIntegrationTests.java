package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.inventory.StockRefused.Reason;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * processes/stock-expiry.bpmn, driven by its own timer job: expired lots are quarantined by the daily check
 * (and refused at compounding), the expiry list shows what expires within the lead time, and a pharmacist
 * gets the list as a task.
 */
@IntegrationTest
class StockExpiryProcessIntegrationTests {

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
    LocalDate today;

    @BeforeEach
    void setUp() {
        fixtures = new StockFixtures(transactions, jdbc);
        today = clock.instant().atZone(zone).toLocalDate();
    }

    @Test
    void theDailyCheckQuarantinesExpiredLotsWhichCompoundingThenRefusesAndAsksAPharmacistToReview() {
        UUID item = fixtures.item("Expiry test powder", 0, "g");
        UUID expired = fixtures.lot(item, "EXP-OLD", today.minusDays(2), new BigDecimal("7"));
        UUID urgent = fixtures.lot(item, "EXP-URGENT", today.plusDays(10), new BigDecimal("3"));
        UUID soon = fixtures.lot(item, "EXP-SOON", today.plusDays(60), new BigDecimal("4"));
        UUID later = fixtures.lot(item, "EXP-LATER", today.plusDays(400), new BigDecimal("5"));

        String instance = runTheDailyCheck();
        Task review = await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceId(instance).singleResult(), t -> t != null);

        assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewExpiringStock");
        assertThat(engine.getTaskService().createTaskQuery().taskId(review.getId()).taskCandidateGroup("pharmacists")
                .count()).isOne();
        assertThat(transactions.asSystem(() -> stock.lots(List.of(expired))).get(0).status())
                .isEqualTo(StockLot.LotStatus.QUARANTINED);
        assertThat(transactions.asSystem(() -> stock.lots(List.of(urgent, soon, later))))
                .allSatisfy(lot -> assertThat(lot.status()).isEqualTo(StockLot.LotStatus.AVAILABLE));
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select actor || ' ' || reason from stock_movement where lot_id = ? and kind = 'QUARANTINED'""")
                .param(expired).query(String.class).list())).containsExactly("system:expiry-watch EXPIRED");
        assertThatThrownBy(() -> transactions.asSystem(() -> stock.debitForCompounding("expiry-test", "technician",
                List.of(new LotUse(item, expired, BigDecimal.ONE)))))
                .isInstanceOfSatisfying(StockRefused.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
        assertThat(transactions.asSystem(() -> stock.propose(item, new BigDecimal("3"))))
                .extracting(LotUse::lotId).containsExactly(urgent);

        JsonNode list = new Api(http).get(Demo.ADMIN, "/api/inventory/expiry").json();
        assertThat(list.get("warnDays").asInt()).isEqualTo(90);
        assertThat(lotsOf(list, item)).containsExactly("EXP-OLD EXPIRED QUARANTINED", "EXP-URGENT URGENT AVAILABLE",
                "EXP-SOON SOON AVAILABLE");

        assertThatThrownBy(() -> as(Demo.TECHNICIAN, "pharmacy-technicians", () -> engine.getTaskService()
                .complete(review.getId(), Map.of("expiryReviewOutcome", "DESTROY"))))
                .as("not a candidate of the task").isInstanceOf(AuthorizationException.class);
        // a Camunda administrator may work on any task, but only a pharmacist reviews expiring stock
        assertThatThrownBy(() -> as(Demo.ADMIN, "camunda-admin", () -> engine.getTaskService()
                .complete(review.getId(), Map.of("expiryReviewOutcome", "DESTROY"))))
                .hasMessageContaining("Only a pharmacist");
        assertThatThrownBy(() -> as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService()
                .complete(review.getId(), Map.of("expiryReviewOutcome", "IGNORE"))))
                .hasMessageContaining("Choose");
        as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(review.getId(),
                Map.of("expiryReviewOutcome", "RETURN_TO_WHOLESALER")));
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult().getEndActivityId()).isEqualTo("EndEvent_StockReviewed");
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record where action = 'lot.quarantined' and entity_id = ?
                  and actor = 'system:expiry-watch'""").param(expired.toString()).query(Long.class).single()))
                .isOne();
    }

    @Test
    void theDemoStockIsOnTheExpiryListAndClinicUsersSeeNone() {
        JsonNode list = new Api(http).get(Demo.PHARMACIST, "/api/inventory/expiry").json();

        assertThat(lotsOf(list, InventoryApiIntegrationTests.DEMO_NALTREXONE))
                .anySatisfy(l -> assertThat(l).startsWith("NTX-D2409 EXPIRED"))
                .anySatisfy(l -> assertThat(l).startsWith("NTX-D2502 URGENT"));
        assertThat(new Api(http).get(Demo.REYES, "/api/inventory/expiry").status()).isEqualTo(403);
    }

    private String runTheDailyCheck() {
        Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("Process_StockExpiry")
                .timers().active().singleResult();
        assertThat(timer).as("the daily timer of the expiry check").isNotNull();
        List<String> before = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("Process_StockExpiry").list().stream().map(p -> p.getId()).toList();
        engine.getManagementService().executeJob(timer.getId());
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("Process_StockExpiry")
                .list().stream().map(p -> p.getId()).filter(id -> !before.contains(id))
                .filter(id -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(id)
                        .singleResult().getEndTime() == null)
                .findFirst().orElseThrow();
    }

    private static List<String> lotsOf(JsonNode list, UUID item) {
        List<String> lots = new java.util.ArrayList<>();
        list.get("lots").forEach(l -> {
            if (l.get("itemId").asText().equals(item.toString())) {
                lots.add(l.get("lotNumber").asText() + " " + l.get("band").asText() + " " + l.get("status").asText());
            }
        });
        return lots;
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
