package org.pestle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Authenticator;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.TestUsers;
import org.pestle.support.Transactions;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Camunda's history events become audit records in the engine's transaction, attributed to who acted. */
@IntegrationTest
class CamundaHistoryAuditIntegrationTests {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Autowired
    TestRestTemplate http;

    @Autowired
    TaskService tasks;

    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void anOrdersProcessDecisionAndTaskAreRecordedAndATasklistClaimIsTheClaimingUsers() {
        String pharmacist = users.pharmacist(SECRET);
        WebSession browser = new WebSession(port, clock);
        browser.password(pharmacist, Demo.PASSWORD);
        browser.code(Authenticator.nextCode(SECRET, clock));
        String orderNumber = new Api(http).post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE,
                Demo.PATIENT_NORTHSIDE, line(Demo.NALTREXONE))).json().get("orderNumber").asText();
        Task task = await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(orderNumber).singleResult(), t -> t != null);
        String processInstanceId = task.getProcessInstanceId();

        browser.get("/camunda/app/tasklist/default/");
        assertThat(browser.camundaApi("POST", "/camunda/api/engine/engine/default/task/" + task.getId() + "/claim",
                "{\"userId\":\"" + pharmacist + "\"}").statusCode()).isEqualTo(204);

        List<String> records = transactions.asSystem(() -> jdbc.sql("""
                select action || ' ' || coalesce(details ->> 'decisionKey', details ->> 'taskDefinitionKey',
                                                 details ->> 'operationType', '')
                from audit_record where details ->> 'processInstanceId' = ? order by seq""")
                .param(processInstanceId).query(String.class).list());
        assertThat(records).startsWith("process.started ").contains("decision.evaluated Decision_OrderEligibility",
                "task.created " + task.getTaskDefinitionKey(), "task.updated " + task.getTaskDefinitionKey(),
                "camunda.operation Claim");

        List<String> claim = transactions.asSystem(() -> jdbc.sql("""
                select actor || ' ' || coalesce(details ->> 'assignee', '-') from audit_record
                where entity_id = ? and action = 'task.updated' order by seq desc limit 1""")
                .param(task.getId()).query(String.class).list());
        assertThat(claim).containsExactly(pharmacist + " " + pharmacist);
        Integer version = transactions.asSystem(() -> jdbc.sql("""
                select (details ->> 'decisionVersion')::int from audit_record
                where details ->> 'processInstanceId' = ? and action = 'decision.evaluated'
                  and details ->> 'decisionKey' = 'Decision_OrderEligibility' order by seq limit 1""")
                .param(processInstanceId).query(Integer.class).single());
        assertThat(version).isPositive();
    }

    @Test
    void aDeploymentIsRecordedWithItsResourcesAndDefinitionsAndWhoDeployedIt() {
        String key = "Process_AuditedDeployment" + Long.toHexString(System.nanoTime());
        var model = org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
                .startEvent().endEvent().done();
        engine.getIdentityService().setAuthentication("admin", List.of("camunda-admin"));
        String deploymentId;
        try {
            deploymentId = engine.getRepositoryService().createDeployment().name("audit-test")
                    .addModelInstance(key + ".bpmn", model).deploy().getId();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }

        var record = transactions.asSystem(() -> jdbc.sql("""
                select actor, details ->> 'name' as name, details -> 'resources' ->> 0 as resource,
                       details -> 'definitions' ->> 0 as definition
                from audit_record where action = 'deployment.created' and entity_id = ?""")
                .param(deploymentId).query().singleRow());
        assertThat(record).containsEntry("actor", "admin").containsEntry("name", "audit-test")
                .containsEntry("resource", key + ".bpmn");
        assertThat(record).containsEntry("definition", key + ":1");
        engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }

    @Test
    void theDeploymentAtStartupIsPestlesOwnAndNamesItsFilesWithoutTheirPaths() {
        var record = transactions.asSystem(() -> jdbc.sql("""
                select actor, details -> 'resources' as resources from audit_record
                where action = 'deployment.created' and details ->> 'name' = 'SpringAutoDeployment'
                order by seq limit 1""").query().singleRow());

        assertThat(record).containsEntry("actor", "system:deployment");
        assertThat(record.get("resources").toString()).contains("\"order-fulfillment.bpmn\"",
                "\"verify-prescription.form\"").doesNotContain("/");
    }
}
