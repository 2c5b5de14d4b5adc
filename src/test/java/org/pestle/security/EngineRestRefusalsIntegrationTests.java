package org.pestle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * Camunda's REST API and the webapps' API refuse what is not the caller's with a 404 (or, where no
 * particular resource is named, a 403) as problem+json that names no id and reads the same whether the
 * instance exists or not; never with a 500, which would page an operator.
 */
@IntegrationTest
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
    void readingAnotherClinicsTaskVariablesIsNotFound() {
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/task/" + task.getId() + "/variables"));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/task/" + task.getId() + "/form-variables"));
        assertNotFound(api.get(Demo.OKAFOR, "/engine-rest/task/" + UNKNOWN + "/variables"));
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

    private void assertNotFound(Api.Response refused) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(404);
        assertThat(refused.contentType()).hasToString("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:pestle:problem:not-found");
        assertThat(refused.body()).doesNotContain(instance, task.getId(), UNKNOWN);
    }
}
