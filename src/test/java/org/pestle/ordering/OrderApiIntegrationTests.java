package org.pestle.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class OrderApiIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Transactions transactions;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(http);
    }

    @Test
    void submittedOrderIsSavedWithItsLinesAndReachesPharmacistVerification() {
        Api.Response created = api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, line(Demo.NALTREXONE)));

        assertThat(created.status()).isEqualTo(201);
        JsonNode order = created.json();
        String id = order.get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/orders/" + id);
        assertThat(order.get("orderNumber").asLong()).isPositive();
        assertThat(order.get("submittedBy").asText()).isEqualTo(Demo.REYES);
        assertThat(order.get("lines")).hasSize(1);
        assertThat(order.at("/lines/0/compoundCode").asText()).isEqualTo("NALTREXONE-LD");

        JsonNode inReview = awaitStatus(Demo.REYES, id, "IN_REVIEW");
        assertThat(inReview.get("eligibility").asText()).isEqualTo("accept");
        assertThat(inReview.at("/lines/0/status").asText()).isEqualTo("ELIGIBLE");
    }

    @Test
    void orderWithAnIneligibleLineIsRejectedWithTheRulesReason() {
        Api.Response created = api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, List.of(line(Demo.NALTREXONE),
                        line(Demo.TRETINOIN))));

        JsonNode rejected = awaitStatus(Demo.REYES, created.json().get("id").asText(), "REJECTED");
        assertThat(rejected.get("statusReason").asText())
                .isEqualTo("Line 2: Compound is not on this clinic's approved list");
        assertThat(rejected.at("/lines/0/status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.at("/lines/1/status").asText()).isEqualTo("INELIGIBLE");
    }

    @Test
    void everyMissingOrInvalidFieldIsNamedInOneProblem() {
        Map<String, Object> bad = new java.util.LinkedHashMap<>();
        bad.put("clinicId", Demo.NORTHSIDE);
        bad.put("lines", List.of(Map.of("quantity", -1, "daysSupply", 0, "sig", " ", "refillsAuthorized", 100)));

        Api.Response response = api.post(Demo.REYES, "/api/orders", bad);

        assertProblem(response, 400, "urn:pestle:problem:validation");
        assertThat(fields(response)).containsExactly("lines[0].compoundId", "lines[0].daysSupply",
                "lines[0].quantity", "lines[0].refillsAuthorized", "lines[0].sig", "patientId");
        assertThat(ordersOf(Demo.PATIENT_NORTHSIDE_2)).isZero();
    }

    @Test
    void orderWithoutLinesIsRefused() {
        Api.Response response = api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, List.of()));

        assertProblem(response, 400, "urn:pestle:problem:validation");
        assertThat(fields(response)).containsExactly("lines");
    }

    @Test
    void quantityWithMoreThanTwoDecimalsIsRefused() {
        Api.Response response = api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, line(Demo.NALTREXONE, 1.005, 30, 0)));

        assertProblem(response, 400, "urn:pestle:problem:validation");
        assertThat(fields(response)).containsExactly("lines[0].quantity");
    }

    @Test
    void fieldOfTheWrongTypeIsNamed() {
        Api.Response response = api.post(Demo.REYES, "/api/orders", """
                {"clinicId": "%s", "patientId": "%s", "lines": [{"compoundId": "%s", "quantity": 30,
                 "daysSupply": "thirty", "sig": "Once daily", "refillsAuthorized": 0}]}"""
                .formatted(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, Demo.NALTREXONE));

        assertProblem(response, 400, "urn:pestle:problem:malformed-request");
        assertThat(fields(response)).containsExactly("lines[0].daysSupply");
    }

    @Test
    void bodyThatIsNotJsonIsAProblem() {
        Api.Response response = api.post(Demo.REYES, "/api/orders", "{not json");

        assertProblem(response, 400, "urn:pestle:problem:malformed-request");
    }

    @Test
    void patientOfAnotherClinicIsRefusedWithoutSayingWhoTheyAre() {
        Api.Response response = api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_SUMMIT, line(Demo.NALTREXONE)));

        assertProblem(response, 422, "urn:pestle:problem:invalid-reference");
        assertThat(fields(response)).containsExactly("patientId");
        assertThat(response.body()).doesNotContain("Ingrid", "Solberg");
    }

    @Test
    void clinicTheProvicerIsNotAssignedToIsRefused() {
        Api.Response response = api.post(Demo.REYES, "/api/orders",
                order(Demo.SUMMIT, Demo.PATIENT_SUMMIT, line(Demo.NALTREXONE)));

        assertProblem(response, 422, "urn:pestle:problem:invalid-reference");
        assertThat(fields(response)).containsExactly("clinicId");
    }

    @Test
    void unknownCompoundIsNamedByItsLine() {
        Api.Response response = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                List.of(line(Demo.NALTREXONE), line(UUID.randomUUID()))));

        assertProblem(response, 422, "urn:pestle:problem:invalid-reference");
        assertThat(fields(response)).containsExactly("lines[1].compoundId");
    }

    @Test
    void onlyPrescribersSubmitOrders() {
        Api.Response response = api.post(Demo.PHARMACIST, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, line(Demo.NALTREXONE)));

        assertProblem(response, 403, "urn:pestle:problem:forbidden");
    }

    @Test
    void retriedSubmissionWithTheSameIdempotencyKeyReturnsTheFirstOrder() {
        String key = "retry-" + UUID.randomUUID();
        Map<String, Object> body = order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE_2, line(Demo.ESTRADIOL));

        Api.Response first = api.post(Demo.REYES, "/api/orders", body, Map.of("Idempotency-Key", key));
        Api.Response retry = api.post(Demo.REYES, "/api/orders", body, Map.of("Idempotency-Key", key));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(ordersWithKey(key)).isEqualTo(1);
        assertThat(processesOf(first.json().get("orderNumber").asText())).isEqualTo(1);
    }

    @Test
    void concurrentSubmissionsWithTheSameKeyCreateOneOrder() throws Exception {
        String key = "race-" + UUID.randomUUID();
        Map<String, Object> body = order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE_2, line(Demo.ESTRADIOL));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Api.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> api.post(Demo.REYES, "/api/orders", body, Map.of("Idempotency-Key", key)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Api.Response> result : pool.invokeAll(calls)) {
                assertThat(result.get().status()).isEqualTo(201);
                ids.add(result.get().json().get("id").asText());
            }
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(ordersWithKey(key)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sameKeyWithADifferentOrderIsRefused() {
        String key = "reuse-" + UUID.randomUUID();
        api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, line(Demo.ESTRADIOL)),
                Map.of("Idempotency-Key", key));

        Api.Response reused = api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, line(Demo.NALTREXONE)), Map.of("Idempotency-Key", key));

        assertProblem(reused, 422, "urn:pestle:problem:idempotency-key-reused");
        assertThat(ordersWithKey(key)).isEqualTo(1);
    }

    @Test
    void unknownOrderIsNotFound() {
        assertProblem(api.get(Demo.PHARMACIST, "/api/orders/" + UUID.randomUUID()), 404,
                "urn:pestle:problem:not-found");
        assertProblem(api.get(Demo.PHARMACIST, "/api/orders/not-a-uuid"), 404, "urn:pestle:problem:not-found");
    }

    @Test
    void orderOfAnotherClinicIsNotFoundForClinicUsers() {
        String id = api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, line(Demo.NALTREXONE))).json().get("id").asText();

        assertProblem(api.get(Demo.OKAFOR, "/api/orders/" + id), 404, "urn:pestle:problem:not-found");
        assertProblem(api.get(Demo.HALE, "/api/orders/" + id), 404, "urn:pestle:problem:not-found");
        assertThat(api.get(Demo.CLINIC_ADMIN, "/api/orders/" + id).status()).isEqualTo(200);
        assertThat(api.get(Demo.PHARMACIST, "/api/orders/" + id).status()).isEqualTo(200);
    }

    @Test
    void unauthenticatedRequestsGet401AsProblem() {
        assertProblem(api.get(null, "/api/orders"), 401, "urn:pestle:problem:unauthenticated");
        assertProblem(api.post(null, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE))), 401, "urn:pestle:problem:unauthenticated");
        assertThat(api.get(null, "/api/orders").header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void passwordsAndUnknownTokensAreNotAccepted() {
        Api.Response basic = new Api(http.withBasicAuth(Demo.REYES, Demo.PASSWORD)).get(null, "/api/orders");
        assertProblem(basic, 401, "urn:pestle:problem:unauthenticated");
        Api.Response unknown = api.exchange(null, org.springframework.http.HttpMethod.GET, "/api/orders", null,
                Map.of("Authorization", "Bearer pat_not-a-real-token"));
        assertProblem(unknown, 401, "urn:pestle:problem:unauthenticated");
    }

    @Test
    void listIsPagedFilteredByStatusAndScopedToTheUsersClinics() {
        for (int i = 0; i < 3; i++) {
            api.post(Demo.OKAFOR, "/api/orders", order(Demo.LAKESIDE, Demo.PATIENT_LAKESIDE, line(Demo.MOUTHWASH)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.get(Demo.OKAFOR, "/api/orders?status=SUBMITTED").json().get("totalItems").asLong() == 0);

        JsonNode firstPage = api.get(Demo.OKAFOR, "/api/orders?status=IN_REVIEW&size=2").json();
        assertThat(firstPage.get("items")).hasSize(2);
        assertThat(firstPage.get("totalItems").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(firstPage.get("totalPages").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode everything = api.get(Demo.OKAFOR, "/api/orders?size=100").json();
        for (JsonNode item : everything.get("items")) {
            assertThat(item.get("clinicId").asText()).isEqualTo(Demo.LAKESIDE.toString());
        }
        JsonNode secondPage = api.get(Demo.OKAFOR, "/api/orders?status=IN_REVIEW&size=2&page=1").json();
        assertThat(secondPage.get("items").get(0).get("id")).isNotEqualTo(firstPage.get("items").get(0).get("id"));
    }

    @Test
    void unknownStatusFilterAndOversizedPageAreProblems() {
        assertThat(api.get(Demo.PHARMACIST, "/api/orders?status=LOST").status()).isEqualTo(400);
        Api.Response oversized = api.get(Demo.PHARMACIST, "/api/orders?size=1000");
        assertThat(oversized.status()).isEqualTo(400);
        assertThat(oversized.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private JsonNode awaitStatus(String user, String orderId, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get(user, "/api/orders/" + orderId).json(),
                order -> order.get("status").asText().equals(status));
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.json().get("type").asText()).isEqualTo(type);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private long ordersOf(UUID patientId) {
        return transactions.asSystem(() -> jdbc.sql("select count(*) from orders where patient_id = ?")
                .param(patientId).query(Long.class).single());
    }

    private long ordersWithKey(String key) {
        return transactions.asSystem(() -> jdbc.sql("select count(*) from order_submission where idempotency_key = ?")
                .param(key).query(Long.class).single());
    }

    private long processesOf(String orderNumber) {
        return jdbc.sql("select count(*) from act_hi_procinst where business_key_ = ?").param(orderNumber)
                .query(Long.class).single();
    }
}
