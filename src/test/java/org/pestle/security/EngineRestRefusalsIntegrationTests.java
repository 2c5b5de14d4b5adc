package org.pestle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * Camunda's REST API and the webapps' API refuse what is not the caller's with a 404 (or, where no
 * particular resource is named, a 403) as problem+json that names no id and reads the same whether the
 * instance exists or not; never with a 500, which would page an operator. Malformed paths under the
 * APIs are refused as problem+json too, without repeating the path.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRestRefusalsIntegrationTests {

    private static final String UNKNOWN = UUID.randomUUID().toString();

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    TaskService tasks;

    @Autowired
    MutableClock clock;

    Api api;
    Task task;
    String instance;

    @BeforeAll
    void aNorthsideOrderWaitingForItsPharmacist() {
        api = new Api(http);
        Api.Response created = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String number = created.json().get("orderNumber").asText();
        task = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(number).singleResult(), t -> t != null);
        instance = task.getProcessInstanceId();
    }

    @Test
    void readingAnotherClinicsVariablesIsNotFound() {
        Api.Response refused = api.get(Demo.OKAFOR, "/engine-rest/process-instance/" + instance + "/variables");

        assertNotFound(refused);
        assertThat(refused.body()).isEqualTo(api.get(Demo.OKAFOR, "/engine-rest/process-instance/" + UNKNOWN
                + "/variables").body());
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/process-instance/" + instance + "/variables/orderId"));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/process-instance/" + UNKNOWN + "/variables/orderId"));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/execution/" + instance + "/localVariables"));
        assertNotFound(api.get(Demo.HALE, "/engine-rest/process-instance/" + instance + "/variables"));
    }

    @Test
    void aRefusalIsNotLoggedAsAnError(CapturedOutput output) {
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/process-instance/" + instance + "/variables"));
        assertNotFound(api.post(Demo.OKAFOR, "/engine-rest/task/" + task.getId() + "/complete", "{}"));

        assertThat(output.getAll()).doesNotContain("ENGINE-13034");
    }

    @Test
    void readingAnotherClinicsTaskVariablesIsNotFound() {
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/task/" + task.getId() + "/variables"));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/task/" + task.getId() + "/form-variables"));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/task/" + UNKNOWN + "/variables"));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/task/" + task.getId()));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/history/process-instance/" + instance));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/history/process-instance/" + UNKNOWN));
    }

    @Test
    void completingAnotherClinicsTaskIsNotFoundAndLeavesItOpen() {
        Api.Response refused = api.post(Demo.OKAFOR, "/engine-rest/task/" + task.getId() + "/complete", "{}");

        assertNotFound(refused);
        assertThat(refused.body()).isEqualTo(api.post(Demo.OKAFOR, "/engine-rest/task/" + UNKNOWN + "/complete",
                "{}").body());
        assertNotFound(api.post(Demo.OKAFOR, "/engine-rest/task/" + task.getId() + "/claim",
                Map.of("userId", Demo.OKAFOR)));
        assertNotFound(api.post(Demo.OKAFOR, "/engine-rest/process-instance/" + instance + "/variables",
                Map.of("modifications", Map.of("orderId", Map.of("value", "x")))));
        assertNotFound(api.exchange(Demo.OKAFOR, HttpMethod.DELETE, "/engine-rest/process-instance/" + instance,
                null, Map.of()));
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult()).isNotNull();
    }

    @Test
    void aTaskOfTheUsersOwnClinicThatTheyMayNotWorkOnIsNotFound() {
        assertNotFound(api.post(Demo.REYES, "/engine-rest/task/" + task.getId() + "/complete", "{}"));
        assertNotFound(api.post(Demo.REYES, "/engine-rest/task/" + task.getId() + "/claim",
                Map.of("userId", Demo.REYES)));
        assertNotFound(api.get(Demo.REYES, "/engine-rest/process-instance/" + instance + "/variables"));
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    }

    @Test
    void startingAProcessWithoutThePermissionIsForbidden() {
        Api.Response refused = api.post(Demo.OKAFOR, "/engine-rest/process-definition/key/Process_OrderFulfillment"
                + "/start", "{}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.contentType()).hasToString("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:pestle:problem:forbidden");
        assertThat(refused.body()).doesNotContain(Demo.OKAFOR, "Process_OrderFulfillment");
    }

    @Test
    void theWebappsApiRefusesAnotherClinicsInstanceAndTaskAlike() {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(Demo.OKAFOR);
        browser.get("/camunda/app/tasklist/default/");
        String engine = "/camunda/api/engine/engine/default";

        HttpResponse<String> variables = browser.camundaApi("GET", engine + "/process-instance/" + instance
                + "/variables", null);
        HttpResponse<String> unknown = browser.camundaApi("GET", engine + "/process-instance/" + UNKNOWN
                + "/variables", null);
        HttpResponse<String> complete = browser.camundaApi("POST", engine + "/task/" + task.getId() + "/complete",
                "{}");

        for (HttpResponse<String> refused : new HttpResponse[] {variables, unknown, complete}) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).doesNotContain(instance, task.getId(), UNKNOWN);
        }
        assertThat(variables.body()).isEqualTo(unknown.body());
        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult()).isNotNull();
    }

    @Test
    void aFaultThatIsNoRefusalIsStillAServerError() {
        // Camunda's text column holds 4,000 characters: a longer string value fails in the database.
        Api.Response fault = api.post(Demo.ADMIN, "/engine-rest/process-instance/" + instance + "/variables",
                Map.of("modifications", Map.of("tooLong", Map.of("value", "x".repeat(5000), "type", "String"))));

        assertThat(fault.status()).as(fault.body()).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/orders/%00", "/api/orders/a%00b", "/api/%2e%2e%2fadmin/users", "/api/orders/x%2fy",
            "/api/orders/..%2f", "/api/orders/%5c", "/api/orders/%ff", "/api/orders/%2e%2e/",
            "/api/orders;jsessionid=0123456789", "/api/orders/%25", "/engine-rest/task/%00",
            "/api/orders/%3bjsessionid=0123456789", "/engine-rest/%2e%2e%2fapi/orders",
            "/engine-rest/task;jsessionid=0123456789", "/camunda/api/engine/engine/default/task/%00",
            "/camunda/api/engine/engine/default/task;jsessionid=0123456789"})
    void malformedPathsUnderTheApisAreProblemsThatDoNotRepeatThePath(String path) throws Exception {
        HttpResponse<String> refused = raw(path);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("urn:pestle:problem:malformed-request")
                .doesNotContain("orders", "admin", "task", "jsessionid", "%");
    }

    private HttpResponse<String> raw(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Demo.API_TOKENS.get(Demo.REYES))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertNotFound(Api.Response refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(refused.contentType()).hasToString("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:pestle:problem:not-found");
        assertThat(refused.body()).doesNotContain(instance, task.getId(), UNKNOWN);
    }
}
