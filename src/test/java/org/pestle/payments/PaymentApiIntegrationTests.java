package org.pestle.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.ApprovedOrders.Approved;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.ProviderStandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The payment parts of the API: cancelling an order (and so its payment), an order's payment, a
 * clinic's statement; who may do what, problem+json for what is refused, JSON by default even
 * though twilio-java puts an XML converter on the classpath.
 */
@IntegrationTest
class PaymentApiIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    ApprovedOrders approvedOrders;

    @Autowired
    ProcessEngine engine;

    Api api;

    @BeforeEach
    void init() {
        api = new Api(http);
        ProviderStandIns.server();
        ProviderStandIns.reset();
    }

    @Test
    void cancellingAnOrderAwaitingPaymentEndsItsPaymentProcessWithoutARefund() {
        Approved order = approvedOrders.approve(Demo.REYES, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE);
        String processId = awaitPaymentProcess(order);

        Api.Response cancelled = api.post(Demo.REYES, "/api/orders/" + order.id() + "/cancel",
                Map.of("reason", "PRESCRIBER_REQUEST"));

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("statusReason").asText()).isEqualTo("Cancelled: PRESCRIBER_REQUEST");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processId).count())
                .as("the payment process ended with its order").isZero();
        var payment = api.get(Demo.ADMIN, "/api/orders/" + order.id() + "/payment").json();
        assertThat(payment.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(payment.get("failureCode").asText()).isEqualTo("PRESCRIBER_REQUEST");
        assertThat(ProviderStandIns.server().findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/v1/refunds"))))
                .isEmpty();
    }

    @Test
    void onlyThoseWhoMayCancelOrdersOfTheirClinicsCanCancel() {
        Approved order = approvedOrders.approve(Demo.REYES, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE_2);
        String cancel = "/api/orders/" + order.id() + "/cancel";
        Map<String, String> reason = Map.of("reason", "DUPLICATE_ORDER");

        assertProblem(api.post(Demo.OKAFOR, cancel, reason), 404, "not-found");
        assertProblem(api.post(Demo.HALE, cancel, reason), 404, "not-found");
        assertProblem(api.post(Demo.TECHNICIAN, cancel, reason), 403, "forbidden");
        assertProblem(api.post(Demo.OPERATOR, cancel, reason), 403, "forbidden");
        assertProblem(api.post(Demo.REYES, cancel, Map.of("reason", "BECAUSE")), 400, "malformed-request");
        assertProblem(api.post(Demo.REYES, cancel, Map.of()), 400, "validation");
        assertProblem(api.post(Demo.REYES, cancel, Map.of("reason", "PAYMENT_EXPIRED")), 422, "invalid-reference");
        assertProblem(api.post(null, cancel, reason), 401, "unauthenticated");

        assertThat(api.get(Demo.REYES, "/api/orders/" + order.id()).json().get("status").asText())
                .isEqualTo("AWAITING_PAYMENT");
        assertThat(api.post(Demo.PHARMACIST, cancel, reason).status()).isEqualTo(200);
    }

    @Test
    void anOrdersPaymentIsShownToItsReadersWithCardDetailsOnlyForThoseWhoMaySeeThem() {
        Approved order = approvedOrders.approve(Demo.REYES, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE);
        awaitPaymentProcess(order);
        String path = "/api/orders/" + order.id() + "/payment";

        var prescribers = api.get(Demo.REYES, path);
        assertThat(prescribers.status()).isEqualTo(200);
        assertThat(prescribers.json().get("route").asText()).isEqualTo("SELF_PAY");
        assertThat(prescribers.json().get("amountCents").asLong()).isEqualTo(30 * 95);
        assertThat(prescribers.json().has("cardLast4")).isFalse();
        assertThat(api.get(Demo.ADMIN, path).status()).isEqualTo(200);
        assertProblem(api.get(Demo.OKAFOR, path), 404, "not-found");
        assertProblem(api.get(Demo.OPERATOR, path), 403, "forbidden");
    }

    @Test
    void aClinicsStatementIsForItsOwnUsersAndPharmacyBilling() {
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();

        assertThat(api.get(Demo.ADMIN, "/api/clinics/" + Demo.SUMMIT + "/statements/" + month).status())
                .isEqualTo(200);
        assertThat(api.get(Demo.HALE, "/api/clinics/" + Demo.SUMMIT + "/statements/" + month).status())
                .isEqualTo(200);
        assertProblem(api.get(Demo.REYES, "/api/clinics/" + Demo.SUMMIT + "/statements/" + month), 404, "not-found");
        assertProblem(api.get(Demo.ADMIN, "/api/clinics/" + Demo.SUMMIT + "/statements/last-month"), 422,
                "invalid-reference");
    }

    @Test
    void theApiAnswersJsonWhateverTheClientAccepts() {
        Approved order = approvedOrders.approve(Demo.REYES, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE_2);
        awaitPaymentProcess(order);
        String path = "/api/orders/" + order.id() + "/payment";

        for (String accept : new String[] {"*/*", null}) {
            ResponseEntity<String> found = raw(path, accept);
            assertThat(found.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON))
                    .as("Accept: " + accept).isTrue();
            assertThat(found.getBody()).startsWith("{");
            ResponseEntity<String> missing = raw("/api/orders/" + java.util.UUID.randomUUID() + "/payment", accept);
            assertThat(missing.getStatusCode().value()).isEqualTo(404);
            assertThat(missing.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("Accept: " + accept).isTrue();
            ResponseEntity<String> list = raw("/api/orders", accept);
            assertThat(list.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        }
    }

    private ResponseEntity<String> raw(String path, String accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Demo.API_TOKENS.get(Demo.REYES));
        if (accept != null) {
            headers.set(HttpHeaders.ACCEPT, accept);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private String awaitPaymentProcess(Approved order) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getRuntimeService()
                .createProcessInstanceQuery().processDefinitionKey("Process_Payment")
                .processInstanceBusinessKey(String.valueOf(order.number())).list().stream()
                .filter(p -> engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(p.getId())
                        .count() > 0)
                .map(p -> p.getId()).findFirst().orElse(null), id -> id != null);
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.json().get("type").asText()).isEqualTo("urn:pestle:problem:" + type);
    }
}
