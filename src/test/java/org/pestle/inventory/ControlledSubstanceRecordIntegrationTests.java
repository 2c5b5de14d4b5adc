package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The controlled-substance record on the real database: the perpetual inventory's running balance under
 * concurrent movements, the biennial inventory's counting rules, and destruction witnessed by a second person.
 */
@IntegrationTest
class ControlledSubstanceRecordIntegrationTests {

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
    LocalDate today;

    @BeforeEach
    void setUp() {
        fixtures = new StockFixtures(transactions, jdbc);
        api = new Api(http);
        today = clock.instant().atZone(zone).toLocalDate();
    }

    @Test
    void thePerpetualInventoryKeepsARunningBalanceThatMatchesTheLedgerUnderConcurrentMovements() throws Exception {
        UUID item = fixtures.item("Concurrent morphine powder", 2, "g");
        UUID lotA = fixtures.lot(item, "MOR-A", today.plusDays(200), new BigDecimal("30"));
        UUID lotB = fixtures.lot(item, "MOR-B", today.plusDays(300), new BigDecimal("30"));
        int workers = 6;
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                int debits = 0;
                for (int i = 0; i < 8; i++) {
                    UUID lot = (worker + i) % 2 == 0 ? lotA : lotB;
                    String reference = "concurrent-" + worker + "-" + i;
                    try {
                        transactions.asSystem(() -> stock.debitForCompounding(reference,
                                "technician", List.of(new LotUse(item, lot, new BigDecimal("1.5")))));
                        debits++;
                    } catch (StockRefused short_) {
                        // the lot ran out: refused, never below zero
                    }
                }
                return debits;
            }));
        }
        int debits = 0;
        for (Future<Integer> result : results) {
            debits += result.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        JsonNode record = api.get(Demo.PHARMACIST, "/api/inventory/controlled/items/" + item + "/record").json();
        BigDecimal expected = new BigDecimal("60").subtract(new BigDecimal("1.5").multiply(BigDecimal.valueOf(debits)));
        assertThat(record.get("balance").decimalValue()).isEqualByComparingTo(expected);
        assertThat(record.get("balance").decimalValue())
                .isEqualByComparingTo(fixtures.ledgerSum(lotA).add(fixtures.ledgerSum(lotB)));
        assertThat(debits).isEqualTo(40);
        BigDecimal running = BigDecimal.ZERO;
        Map<String, BigDecimal> lots = new HashMap<>();
        for (JsonNode entry : record.get("entries")) {
            running = running.add(entry.get("quantity").decimalValue());
            BigDecimal lot = lots.merge(entry.get("lotId").asText(), entry.get("quantity").decimalValue(),
                    BigDecimal::add);
            assertThat(entry.get("balance").decimalValue()).isEqualByComparingTo(running);
            assertThat(entry.get("lotBalance").decimalValue()).isEqualByComparingTo(lot).isNotNegative();
        }
        assertThat(record.get("entries")).hasSize(2 + debits);
    }

    @Test
    void theBiennialInventoryCountsScheduleTwoExactlyAndAllowsEstimatesOnlyForOpenContainersOfThreeToFive() {
        UUID cii = fixtures.item("Biennial fentanyl citrate powder", 2, "g");
        UUID ciiLot = fixtures.lot(cii, "FEN-B1", today.plusDays(100), new BigDecimal("2"));
        UUID ciii = fixtures.item("Biennial ketamine tablets", 3, "each");
        UUID ciiiLot = fixtures.lot(ciii, "KET-B1", today.minusDays(5), new BigDecimal("1500"));
        UUID empty = fixtures.item("Biennial phenobarbital powder", 4, "g");
        List<Map<String, Object>> lines = sheetLines();

        Response estimatedTwo = take(lines, Map.of(ciiLot, line(cii, ciiLot, "OPEN", "ESTIMATE", "2")));
        assertThat(estimatedTwo.status()).isEqualTo(400);
        assertThat(estimatedTwo.json().at("/errors/0/message").asText()).contains("Schedule II");
        Response estimatedSealed = take(lines, Map.of(ciiiLot, line(ciii, ciiiLot, "SEALED", "ESTIMATE", "900")));
        assertThat(estimatedSealed.json().at("/errors/0/message").asText()).contains("sealed");
        Response estimatedTooMany = take(lines, Map.of(ciiiLot, line(ciii, ciiiLot, "OPEN", "ESTIMATE", "1200")));
        assertThat(estimatedTooMany.json().at("/errors/0/message").asText()).contains("1,000");
        List<Map<String, Object>> missing = new ArrayList<>(lines);
        missing.removeIf(l -> l.get("itemId").equals(empty));
        Response withoutZero = take(missing, Map.of());
        assertThat(withoutZero.json().at("/errors/0/field").asText()).isEqualTo("lines");
        assertThat(withoutZero.json().at("/errors/0/message").asText()).contains(empty.toString(), "zero");

        Response taken = take(lines, Map.of(ciiiLot, line(ciii, ciiiLot, "OPEN", "ESTIMATE", "950")));
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        JsonNode inventory = api.get(Demo.ADMIN, "/api/inventory/controlled/biennial-inventories/"
                + taken.json().get("id").asText()).json();
        assertThat(inventory.get("takenAt").asText()).isEqualTo("CLOSE");
        assertThat(inventory.get("lines")).anySatisfy(l -> {
            assertThat(l.path("lotId").asText()).isEqualTo(ciiiLot.toString());
            assertThat(l.get("countKind").asText()).isEqualTo("ESTIMATE");
            assertThat(l.get("expired").asBoolean()).as("expired stock is counted too").isTrue();
            assertThat(l.get("ledgerQuantity").decimalValue()).isEqualByComparingTo("1500");
        }).anySatisfy(l -> {
            assertThat(l.get("itemId").asText()).isEqualTo(empty.toString());
            assertThat(l.get("quantity").decimalValue()).isEqualByComparingTo("0");
        });
        assertThat(api.post(Demo.TECHNICIAN, "/api/inventory/controlled/biennial-inventories",
                Map.of("takenOn", today.toString(), "takenAt", "CLOSE", "lines", lines)).status()).isEqualTo(403);
    }

    @Test
    void controlledStockIsDestroyedOnlyWhenASecondPersonWitnessesIt() {
        UUID item = fixtures.item("Destroyed methadone powder", 2, "g");
        UUID lot = fixtures.lot(item, "MTD-D1", today.minusDays(1), new BigDecimal("5"));
        Map<String, Object> request = Map.of("lotId", lot, "quantity", 5, "reason", "EXPIRED",
                "method", "REVERSE_DISTRIBUTOR");

        Response asked = api.post(Demo.PHARMACIST, "/api/inventory/controlled/destructions", request,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        String id = asked.json().get("id").asText();
        assertThat(fixtures.ledgerSum(lot)).as("nothing leaves the lot before the witness").isEqualByComparingTo("5");

        Response bySamePerson = api.post(Demo.PHARMACIST, "/api/inventory/controlled/destructions/" + id + "/witness",
                null);
        assertThat(bySamePerson.status()).isEqualTo(409);
        assertThat(api.post(Demo.REYES, "/api/inventory/controlled/destructions/" + id + "/witness", null).status())
                .isEqualTo(403);
        Response witnessed = api.post(Demo.TECHNICIAN, "/api/inventory/controlled/destructions/" + id + "/witness",
                null);
        assertThat(witnessed.status()).as(witnessed.body()).isEqualTo(200);
        assertThat(witnessed.json().get("witnessedBy").asText()).isEqualTo(Demo.TECHNICIAN);
        assertThat(witnessed.json().get("destroyedBy").asText()).isEqualTo(Demo.PHARMACIST);
        assertThat(fixtures.ledgerSum(lot)).isEqualByComparingTo("0");
        assertThat(fixtures.movements(lot, "DESTROYED")).isOne();
        assertThat(api.post(Demo.PHARMACIST_2, "/api/inventory/controlled/destructions/" + id + "/witness", null)
                .status()).isEqualTo(409);
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select action || ' ' || actor from audit_record where entity_type = 'destruction' and entity_id = ?
                order by seq""").param(id).query(String.class).list()))
                .containsExactly("controlled.destruction-requested pharmacist",
                        "controlled.destruction-witnessed technician");
    }

    private List<Map<String, Object>> sheetLines() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (JsonNode l : api.get(Demo.PHARMACIST, "/api/inventory/controlled/biennial-inventories/sheet").json()
                .get("lines")) {
            Map<String, Object> line = new HashMap<>();
            line.put("itemId", UUID.fromString(l.get("itemId").asText()));
            if (l.hasNonNull("lotId")) {
                line.put("lotId", UUID.fromString(l.get("lotId").asText()));
            }
            line.put("container", "SEALED");
            line.put("countKind", "EXACT");
            line.put("quantity", l.get("ledgerQuantity").decimalValue());
            lines.add(line);
        }
        return lines;
    }

    private Response take(List<Map<String, Object>> lines, Map<UUID, Map<String, Object>> replaced) {
        List<Map<String, Object>> sent = lines.stream().map(l -> l.get("lotId") != null
                && replaced.containsKey(l.get("lotId")) ? replaced.get(l.get("lotId")) : l).toList();
        return api.post(Demo.PHARMACIST, "/api/inventory/controlled/biennial-inventories",
                Map.of("takenOn", today.toString(), "takenAt", "CLOSE", "lines", sent));
    }

    private static Map<String, Object> line(UUID item, UUID lot, String container, String kind, String quantity) {
        return Map.of("itemId", item, "lotId", lot, "container", container, "countKind", kind,
                "quantity", new BigDecimal(quantity));
    }
}
