package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
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
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Par levels, the reorder list, purchase orders (CSV) and receiving against them, through real HTTP. */
@IntegrationTest
class PurchaseOrderIntegrationTests {

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
    String wholesaler;

    @BeforeEach
    void setUp() {
        fixtures = new StockFixtures(transactions, jdbc);
        api = new Api(http);
        today = clock.instant().atZone(zone).toLocalDate();
        wholesaler = "Wholesaler " + UUID.randomUUID();
    }

    @Test
    void anItemAtItsReorderPointIsOrderedUpToParAndAShortDeliveryClosesTheOrderFlaggedShort() throws Exception {
        UUID low = fixtures.item("Reorder test powder", 0, "g");
        fixtures.lot(low, "RO-1", today.plusDays(300), new BigDecimal("4"));
        fixtures.lot(low, "RO-OLD", today.minusDays(1), new BigDecimal("50"));
        UUID plenty = fixtures.item("Plenty powder", 0, "g");
        fixtures.lot(plenty, "PL-1", today.plusDays(300), new BigDecimal("100"));
        assertThat(parLevel(Demo.TECHNICIAN, low, 25, 5).status()).isEqualTo(200);
        assertThat(parLevel(Demo.ADMIN, plenty, 50, 10).status()).isEqualTo(200);

        JsonNode list = api.get(Demo.ADMIN, "/api/inventory/reorder-list").json().get("lines");
        assertThat(linesOf(list)).singleElement().satisfies(line -> {
            assertThat(line.get("itemId").asText()).isEqualTo(low.toString());
            assertThat(line.get("usableOnHand").decimalValue()).as("expired stock is not counted")
                    .isEqualByComparingTo("4");
            assertThat(line.get("suggestedQuantity").decimalValue()).isEqualByComparingTo("21");
        });

        String key = UUID.randomUUID().toString();
        Response created = api.post(Demo.ADMIN, "/api/inventory/purchase-orders", Map.of("wholesaler", wholesaler),
                Map.of("Idempotency-Key", key));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String order = created.json().get("id").asText();
        assertThat(api.post(Demo.ADMIN, "/api/inventory/purchase-orders", Map.of("wholesaler", wholesaler),
                Map.of("Idempotency-Key", key)).json().get("id").asText()).isEqualTo(order);
        assertThat(created.json().get("lines")).singleElement()
                .satisfies(l -> assertThat(l.get("quantityOrdered").decimalValue()).isEqualByComparingTo("21"));
        assertThat(linesOf(api.get(Demo.ADMIN, "/api/inventory/reorder-list").json().get("lines")))
                .as("what is on order is not ordered again").isEmpty();

        Response csv = api.exchange(Demo.ADMIN, HttpMethod.GET, "/api/inventory/purchase-orders/" + order + "/csv",
                null, Map.of("Accept", "text/csv"));
        assertThat(csv.contentType().toString()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("purchase_order")).isEqualTo(order);
            assertThat(row.get("wholesaler")).isEqualTo(wholesaler);
            assertThat(row.get("ndc")).matches("[0-9]{11}");
            assertThat(row.get("quantity")).isEqualTo("21");
            assertThat(row.get("unit")).isEqualTo("g");
        });

        Response received = api.post(Demo.TECHNICIAN, "/api/inventory/purchase-orders/" + order + "/receipts",
                Map.of("lines", List.of(Map.of("itemId", low, "lotNumber", "RO-2", "expiresOn",
                        today.plusDays(500).toString(), "quantity", 20))));
        assertThat(received.status()).as(received.body()).isEqualTo(200);
        assertThat(received.json().get("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.json().get("lines").get(0).get("flag").asText()).isEqualTo("SHORT");
        assertThat(api.get(Demo.TECHNICIAN, "/api/inventory/items/" + low).json().get("usableOnHand").decimalValue())
                .isEqualByComparingTo("24");
        assertThat(api.post(Demo.TECHNICIAN, "/api/inventory/purchase-orders/" + order + "/receipts",
                Map.of("lines", List.of())).status()).as("received once").isEqualTo(409);
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select action from audit_record where entity_type = 'purchase-order' and entity_id = ? order by seq""")
                .param(order).query(String.class).list()))
                .containsExactly("purchase-order.created", "purchase-order.received");
    }

    @Test
    void aScheduleTwoLineWithoutItsDea222OrCsosNumberIsRefusedAndNothingIsReceived() {
        UUID oxy = fixtures.item("PO oxycodone powder", 2, "g");
        UUID base = fixtures.item("PO base", 0, "g");
        String order = api.post(Demo.PHARMACIST, "/api/inventory/purchase-orders", Map.of("wholesaler", wholesaler,
                "lines", List.of(Map.of("itemId", base, "quantity", 10), Map.of("itemId", oxy, "quantity", 5))))
                .json().get("id").asText();
        Map<String, Object> baseLine = Map.of("itemId", base, "lotNumber", "POB-1", "expiresOn",
                today.plusDays(400).toString(), "quantity", 12);
        Map<String, Object> oxyLine = new java.util.HashMap<>(Map.of("itemId", oxy, "lotNumber", "POX-1",
                "expiresOn", today.plusDays(400).toString(), "quantity", 5, "supplierDeaNumber", "RD2468139"));

        Response refused = api.post(Demo.PHARMACIST, "/api/inventory/purchase-orders/" + order + "/receipts",
                Map.of("lines", List.of(baseLine, oxyLine)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("lines[1].deaOrderNumber");
        assertThat(api.get(Demo.PHARMACIST, "/api/inventory/items/" + base).json().get("onHand").decimalValue())
                .as("nothing half-received").isEqualByComparingTo("0");
        assertThat(api.get(Demo.PHARMACIST, "/api/inventory/purchase-orders/" + order).json().get("status").asText())
                .isEqualTo("OPEN");

        oxyLine.put("deaOrderNumber", "222-260200001");
        JsonNode received = api.post(Demo.PHARMACIST, "/api/inventory/purchase-orders/" + order + "/receipts",
                Map.of("lines", List.of(baseLine, oxyLine))).json();
        assertThat(received.get("lines")).extracting(l -> l.get("flag").asText()).containsExactly("OVER", "COMPLETE");
        JsonNode record = api.get(Demo.PHARMACIST, "/api/inventory/controlled/items/" + oxy + "/record").json();
        assertThat(record.get("entries")).singleElement().satisfies(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("RECEIVED");
            assertThat(e.get("reference").asText()).isEqualTo("dea-order:222-260200001");
            assertThat(e.get("balance").decimalValue()).isEqualByComparingTo("5");
        });
    }

    @Test
    void aParLevelIsSuggestedFromTheLedgersUsageAndSetOnlyByStaffWhoOrderStock() {
        UUID item = fixtures.item("Suggested powder", 0, "g");
        UUID lot = fixtures.lot(item, "SG-1", today.plusDays(300), new BigDecimal("100"));
        transactions.asSystem(() -> jdbc.sql("""
                insert into stock_movement (lot_id, kind, quantity, reference, actor)
                values (?, 'USED_IN_COMPOUNDING', -16, 'suggest-1', 'system:test')""").param(lot).update());

        JsonNode suggestion = api.get(Demo.PHARMACIST, "/api/inventory/items/" + item + "/par-level/suggestion").json();
        assertThat(suggestion.get("weeks").asInt()).isEqualTo(8);
        assertThat(suggestion.get("weeklyUse").decimalValue()).isEqualByComparingTo("2");
        assertThat(suggestion.get("reorderPoint").decimalValue()).isEqualByComparingTo("4");
        assertThat(suggestion.get("parLevel").decimalValue()).isEqualByComparingTo("8");
        assertThat(parLevel(Demo.REYES, item, 8, 4).status()).isEqualTo(403);
        assertThat(parLevel(Demo.PHARMACIST, item, 8, 8).json().at("/errors/0/field").asText())
                .isEqualTo("reorderPoint");
    }

    private Response parLevel(String user, UUID item, int par, int reorderPoint) {
        return api.exchange(user, HttpMethod.PUT, "/api/inventory/items/" + item + "/par-level",
                Map.of("parLevel", par, "reorderPoint", reorderPoint, "wholesaler", wholesaler), Map.of());
    }

    private List<JsonNode> linesOf(JsonNode lines) {
        List<JsonNode> mine = new java.util.ArrayList<>();
        lines.forEach(l -> {
            if (l.get("wholesaler").asText().equals(wholesaler)) {
                mine.add(l);
            }
        });
        return mine;
    }
}
