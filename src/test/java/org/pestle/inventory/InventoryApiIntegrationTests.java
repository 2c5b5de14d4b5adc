package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

/** The inventory API through real HTTP on the real database: items, receipts, lots, corrections, who may do what. */
@IntegrationTest
class InventoryApiIntegrationTests {

    static final UUID DEMO_NALTREXONE = UUID.fromString("00000000-0000-4000-8000-000000000105");

    @Autowired
    TestRestTemplate http;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Stock stock;

    @Autowired
    Clock clock;

    @Value("${pestle.time-zone}")
    ZoneId zone;

    Api api;
    LocalDate today;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        today = clock.instant().atZone(zone).toLocalDate();
    }

    @Test
    void receivesALotAndListsItsItemWithTheQuantityOnHand() {
        String printed = String.format("%04d-%04d-%02d", 9000 + ThreadLocalRandom.current().nextInt(1000),
                ThreadLocalRandom.current().nextInt(10000), ThreadLocalRandom.current().nextInt(100));
        Response created = api.post(Demo.PHARMACIST, "/api/inventory/items", Map.of("ndc", printed,
                "description", "Ketoprofen USP powder", "unit", "g"));
        assertThat(created.status()).isEqualTo(201);
        String expectedNdc = "0" + printed.replace("-", "");
        assertThat(created.json().get("ndc").asText()).isEqualTo(expectedNdc);
        assertThat(created.json().get("deaSchedule").asInt()).isZero();
        String itemId = created.json().get("id").asText();

        Response received = receive(Demo.TECHNICIAN, itemId, "KTP-001", today.plusDays(200), "25.5", null);
        assertThat(received.status()).isEqualTo(201);
        assertThat(received.json().get("onHand").decimalValue()).isEqualByComparingTo("25.5");
        assertThat(received.json().get("status").asText()).isEqualTo("AVAILABLE");
        Response again = receive(Demo.TECHNICIAN, itemId, "KTP-001", today.plusDays(200), "4.5", null);
        assertThat(again.json().get("id").asText()).as("another delivery of the same lot")
                .isEqualTo(received.json().get("id").asText());
        receive(Demo.PHARMACIST, itemId, "KTP-002", today.plusDays(20), "10", null);

        JsonNode item = api.get(Demo.TECHNICIAN, "/api/inventory/items/" + itemId).json();
        assertThat(item.get("onHand").decimalValue()).isEqualByComparingTo("40");
        assertThat(item.get("usableOnHand").decimalValue()).isEqualByComparingTo("40");
        assertThat(item.get("ndcFormatted").asText()).isEqualTo(expectedNdc.substring(0, 5) + "-"
                + expectedNdc.substring(5, 9) + "-" + expectedNdc.substring(9));
        assertThat(item.get("lots")).extracting(l -> l.get("lotNumber").asText() + " " + l.get("onHand").asText())
                .containsExactly("KTP-002 10", "KTP-001 30");
        assertThat(api.get(Demo.ADMIN, "/api/inventory/items").json().get("items"))
                .anySatisfy(i -> assertThat(i.get("id").asText()).isEqualTo(itemId));
    }

    @Test
    void aRetriedReceiptWithTheSameIdempotencyKeyIsReceivedOnce() {
        String itemId = item(Demo.TECHNICIAN, "Lidocaine HCl USP powder", 0);
        Map<String, Object> receipt = Map.of("itemId", itemId, "lotNumber", "LID-1", "expiresOn",
                today.plusDays(100).toString(), "supplier", "Test Supplier", "quantity", 12);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Response first = api.post(Demo.TECHNICIAN, "/api/inventory/receipts", receipt, key);
        Response again = api.post(Demo.TECHNICIAN, "/api/inventory/receipts", receipt, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(again.json().get("onHand").decimalValue()).isEqualByComparingTo("12");
        Map<String, Object> other = new java.util.HashMap<>(receipt);
        other.put("quantity", 13);
        Response reused = api.post(Demo.TECHNICIAN, "/api/inventory/receipts", other, key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(auditOf(first.json().get("id").asText())).hasSize(1);
    }

    @Test
    void rejectsAnInvalidNdcWithAFieldErrorThatDoesNotRepeatIt() {
        Response refused = api.post(Demo.PHARMACIST, "/api/inventory/items", Map.of("ndc", "6984238038",
                "description", "Unknown configuration", "unit", "g"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType().toString()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:pestle:problem:validation");
        assertThat(refused.json().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo("ndc");
            assertThat(error.get("message").asText()).contains("cannot be converted to 11 digits");
        });
        assertThat(refused.body()).doesNotContain("6984238038");
        assertThat(api.post(Demo.PHARMACIST, "/api/inventory/items", Map.of("ndc", "12345-67-8901",
                "description", "Not an NDC", "unit", "g")).json().get("errors").get(0).get("field").asText())
                .isEqualTo("ndc");
        assertThat(api.post(Demo.PHARMACIST, "/api/inventory/items", Map.of("ndc", StockFixtures.freshNdc(),
                "description", "Schedule one", "unit", "g", "deaSchedule", 1)).json().get("errors").get(0)
                .get("field").asText()).isEqualTo("deaSchedule");
    }

    @Test
    void refusesASecondItemWithTheSameNdc() {
        String ndc = StockFixtures.freshNdc();
        String first = api.post(Demo.PHARMACIST, "/api/inventory/items", Map.of("ndc", ndc, "description", "First",
                "unit", "mL")).json().get("id").asText();
        String dashed = ndc.substring(0, 5) + "-" + ndc.substring(5, 9) + "-" + ndc.substring(9);

        Response second = api.post(Demo.PHARMACIST, "/api/inventory/items", Map.of("ndc", dashed,
                "description", "Second", "unit", "mL"));

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("detail").asText()).contains(first);
    }

    @Test
    void requiresTheDea222OrCsosOrderNumberForScheduleTwoReceipts() {
        String itemId = item(Demo.PHARMACIST, "Hydromorphone HCl USP powder", 2);
        Map<String, Object> receipt = new java.util.HashMap<>(Map.of("itemId", itemId, "lotNumber", "HYD-1",
                "expiresOn", today.plusDays(300).toString(), "supplier", "Test Distributor", "quantity", 5,
                "supplierDeaNumber", "RT2468139"));

        Response refused = api.post(Demo.TECHNICIAN, "/api/inventory/receipts", receipt);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo("deaOrderNumber");
            assertThat(error.get("message").asText()).contains("DEA Form 222", "CSOS");
        });

        receipt.put("deaOrderNumber", "222-260114999");
        Response received = api.post(Demo.TECHNICIAN, "/api/inventory/receipts", receipt);
        assertThat(received.status()).isEqualTo(201);
        assertThat(auditOf(received.json().get("id").asText())).singleElement().satisfies(record -> {
            assertThat(record.get("action")).isEqualTo("stock.received");
            assertThat((String) record.get("details")).contains("\"deaOrderNumber\": \"222-260114999\"",
                    "\"deaSchedule\": 2", "\"supplierDeaNumber\": \"RT2468139\"");
        });
    }

    @Test
    void requiresTheSuppliersDeaNumberForEveryControlledReceipt() {
        String itemId = item(Demo.PHARMACIST, "Ketamine HCl USP powder", 3);
        Map<String, Object> receipt = new java.util.HashMap<>(Map.of("itemId", itemId, "lotNumber", "KET-1",
                "expiresOn", today.plusDays(300).toString(), "supplier", "Test Distributor", "quantity", 5));

        Response missing = api.post(Demo.TECHNICIAN, "/api/inventory/receipts", receipt);
        assertThat(missing.json().get("errors").get(0).get("field").asText()).isEqualTo("supplierDeaNumber");
        receipt.put("supplierDeaNumber", "RT2468138");
        Response wrongCheckDigit = api.post(Demo.TECHNICIAN, "/api/inventory/receipts", receipt);
        assertThat(wrongCheckDigit.status()).isEqualTo(400);
        assertThat(wrongCheckDigit.json().get("errors").get(0).get("message").asText()).contains("check digit");
        assertThat(wrongCheckDigit.body()).doesNotContain("RT2468138");
        receipt.put("supplierDeaNumber", "RT2468139");
        assertThat(api.post(Demo.TECHNICIAN, "/api/inventory/receipts", receipt).status()).isEqualTo(201);
    }

    @Test
    void refusesToReceiveALotThatHasExpiredOrAReceiptDatedInTheFuture() {
        String itemId = item(Demo.PHARMACIST, "Expired stock", 0);

        Response expired = receive(Demo.TECHNICIAN, itemId, "OLD-1", today.minusDays(1), "5", null);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("errors").get(0).get("field").asText()).isEqualTo("expiresOn");
        Response future = api.post(Demo.TECHNICIAN, "/api/inventory/receipts", Map.of("itemId", itemId,
                "lotNumber", "NEW-1", "expiresOn", today.plusDays(100).toString(), "supplier", "Test Supplier",
                "receivedOn", today.plusDays(2).toString(), "quantity", 5));
        assertThat(future.json().get("errors").get(0).get("field").asText()).isEqualTo("receivedOn");
        Response unknown = receive(Demo.TECHNICIAN, UUID.randomUUID().toString(), "X-1", today.plusDays(5), "1", null);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("itemId");
    }

    @Test
    void techniciansReceiveButOnlyPharmacistsAdjustQuarantineOrDestroy() {
        String itemId = item(Demo.TECHNICIAN, "Menthol USP crystals", 0);
        String lot = receive(Demo.TECHNICIAN, itemId, "MEN-1", today.plusDays(300), "100", null).json().get("id")
                .asText();
        String lots = "/api/inventory/lots/" + lot;

        assertThat(api.post(Demo.TECHNICIAN, lots + "/adjustments", Map.of("quantity", -2,
                "reason", "COUNT_CORRECTION")).status()).isEqualTo(403);
        assertThat(api.post(Demo.TECHNICIAN, lots + "/quarantine", Map.of("reason", "RECALL")).status())
                .isEqualTo(403);
        assertThat(api.post(Demo.ADMIN, lots + "/destructions", Map.of("quantity", 1, "reason", "DAMAGED"))
                .status()).isEqualTo(403);

        Response adjusted = api.post(Demo.PHARMACIST, lots + "/adjustments", Map.of("quantity", -2.5,
                "reason", "COUNT_CORRECTION", "note", "Cycle count"));
        assertThat(adjusted.status()).isEqualTo(200);
        assertThat(adjusted.json().get("onHand").decimalValue()).isEqualByComparingTo("97.5");
        assertThat(api.post(Demo.PHARMACIST, lots + "/adjustments", Map.of("quantity", -98,
                "reason", "SPILLED")).json().get("errors").get(0).get("field").asText()).isEqualTo("quantity");
        Response quarantined = api.post(Demo.PHARMACIST, lots + "/quarantine", Map.of("reason", "SUPPLIER_NOTICE"));
        assertThat(quarantined.json().get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(api.post(Demo.PHARMACIST, lots + "/quarantine", Map.of("reason", "RECALL")).status())
                .isEqualTo(409);
        assertThat(api.post(Demo.PHARMACIST, lots + "/destructions", Map.of("quantity", 97.5, "reason", "RECALLED"))
                .json().get("onHand").decimalValue()).isEqualByComparingTo("0");
        assertThat(api.post(Demo.PHARMACIST, lots + "/adjustments", Map.of("quantity", 1, "reason", "GUESSED"))
                .status()).isEqualTo(400);

        JsonNode movements = api.get(Demo.TECHNICIAN, lots + "/movements").json().get("movements");
        assertThat(movements).extracting(m -> m.get("kind").asText() + " " + m.get("quantity").asText() + " "
                + m.get("actor").asText()).containsExactly("RECEIVED 100 technician", "ADJUSTED -2.5 pharmacist",
                        "QUARANTINED 0 pharmacist", "DESTROYED -97.5 pharmacist");
        assertThat(transactions.asSystem(() -> stock.lots(List.of(UUID.fromString(lot)))).get(0).onHand())
                .isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void recordsReceiptsAdjustmentsQuarantinesAndDestructionsInTheAuditTrail() {
        String itemId = item(Demo.PHARMACIST, "Camphor USP", 0);
        String lot = receive(Demo.TECHNICIAN, itemId, "CAM-1", today.plusDays(300), "50", null).json().get("id")
                .asText();
        api.post(Demo.PHARMACIST, "/api/inventory/lots/" + lot + "/adjustments", Map.of("quantity", 5,
                "reason", "RECEIVING_ERROR", "note", "Box held a sixth jar"));
        api.post(Demo.PHARMACIST, "/api/inventory/lots/" + lot + "/quarantine", Map.of("reason", "RECALL"));
        api.post(Demo.PHARMACIST, "/api/inventory/lots/" + lot + "/destructions", Map.of("quantity", 55,
                "reason", "RECALLED"));

        List<Map<String, Object>> records = auditOf(lot);
        assertThat(records).extracting(r -> r.get("action") + " " + r.get("actor") + " " + r.get("actor_role"))
                .containsExactly("stock.received technician PHARMACY_TECHNICIAN",
                        "stock.adjusted pharmacist PHARMACIST", "lot.quarantined pharmacist PHARMACIST",
                        "stock.destroyed pharmacist PHARMACIST");
        assertThat((String) records.get(1).get("details")).contains("\"reason\": \"RECEIVING_ERROR\"")
                .doesNotContain("sixth jar");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("entity_type")).isEqualTo("lot");
            assertThat(r.get("clinic_id")).isNull();
            assertThat(r.get("patient_id")).isNull();
        });
    }

    @Test
    void clinicUsersSeeNoStock() {
        String itemId = item(Demo.PHARMACIST, "Pharmacy-only powder", 0);
        receive(Demo.PHARMACIST, itemId, "PO-1", today.plusDays(100), "10", null);

        for (String clinicUser : List.of(Demo.REYES, Demo.CLINIC_ADMIN, Demo.HALE)) {
            assertThat(api.get(clinicUser, "/api/inventory/items").status()).as(clinicUser).isEqualTo(403);
            assertThat(api.get(clinicUser, "/api/inventory/items/" + itemId).status()).as(clinicUser).isEqualTo(403);
            assertThat(receive(clinicUser, itemId, "PO-2", today.plusDays(100), "1", null).status()).as(clinicUser)
                    .isEqualTo(403);
        }
        transactions.signIn(Demo.REYES);
        try {
            assertThat(transactions.inTransaction(() -> jdbc.sql("""
                    select (select count(*) from inventory_item) + (select count(*) from inventory_lot)
                           + (select count(*) from stock_movement)""").query(Long.class).single()))
                    .as("a clinic user's transaction, whatever the application asks").isZero();
        } finally {
            transactions.signOut();
        }
        assertThat(api.get(Demo.OPERATOR, "/api/inventory/items").status()).isEqualTo(403);
    }

    @Test
    void demoStockHasAnExpiredNaltrexoneLotAndOneThatExpiresWithinThirtyDaysWhichIsProposedFirst() {
        JsonNode naltrexone = api.get(Demo.PHARMACIST, "/api/inventory/items/" + DEMO_NALTREXONE).json();

        assertThat(naltrexone.get("lots")).anySatisfy(lot -> {
            assertThat(lot.get("expired").asBoolean()).isTrue();
            assertThat(lot.get("onHand").decimalValue()).isPositive();
        });
        JsonNode soon = naltrexone.get("lots").get(1);
        assertThat(LocalDate.parse(soon.get("expiresOn").asText())).isAfterOrEqualTo(today)
                .isBefore(today.plusDays(30));
        assertThat(naltrexone.get("usableOnHand").decimalValue())
                .isLessThan(naltrexone.get("onHand").decimalValue());
        // 30 capsules of 4.5 mg
        assertThat(transactions.asSystem(() -> stock.propose(DEMO_NALTREXONE, new BigDecimal("0.135"))))
                .singleElement().extracting(LotUse::lotId).hasToString(soon.get("id").asText());
    }

    private String item(String user, String description, int schedule) {
        Response created = api.post(user, "/api/inventory/items", Map.of("ndc", StockFixtures.freshNdc(),
                "description", description, "unit", "g", "deaSchedule", schedule));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Response receive(String user, String itemId, String lotNumber, LocalDate expiresOn, String quantity,
            String deaOrderNumber) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("itemId", itemId, "lotNumber", lotNumber,
                "expiresOn", expiresOn.toString(), "supplier", "Test Supplier", "quantity", new BigDecimal(quantity)));
        if (deaOrderNumber != null) {
            body.put("deaOrderNumber", deaOrderNumber);
        }
        return api.post(user, "/api/inventory/receipts", body);
    }

    private List<Map<String, Object>> auditOf(String lotId) {
        return transactions.asSystem(() -> jdbc.sql("""
                select action, actor, actor_role, entity_type, clinic_id, patient_id, details::text as details
                from audit_record where entity_type = 'lot' and entity_id = ? order by seq""").param(lotId)
                .query().listOfRows());
    }
}
