package org.pestle.identity.internal.breakglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Authenticator;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.TestUsers;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * processes/elevated-access.bpmn: break-glass access to another clinic is in force at once, ends by
 * itself (or earlier), and is then reviewed by a privacy officer who is not the requester.
 */
@IntegrationTest
class ElevatedAccessProcessIntegrationTests {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private static final String REASON = "Covering for Lakeside during a patient emergency call";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    ProcessEngine engine;

    String lakesideOrder;
    WebSession staff;
    String token;

    @BeforeEach
    void aNorthsideStaffMemberAndALakesideOrder() {
        BpmnAwareTests.init(engine);
        lakesideOrder = new Api(http).post(Demo.OKAFOR, "/api/orders", order(Demo.LAKESIDE, Demo.PATIENT_LAKESIDE,
                line(Demo.MOUTHWASH))).json().get("id").asText();
        String username = users.clinicStaff(SECRET);
        staff = new WebSession(port, clock);
        staff.password(username, Demo.PASSWORD);
        staff.code(Authenticator.nextCode(SECRET, clock));
        String created = staff.postForm("/console/tokens", "name=test&days=1&_csrf="
                + WebSession.csrfOf(staff.get("/console/tokens").body())).body();
        Matcher matcher = Pattern.compile("<code id=\"new-token\">(pat_[A-Za-z0-9_-]+)</code>").matcher(created);
        assertThat(matcher.find()).isTrue();
        token = matcher.group(1);
    }

    @AfterEach
    void reset() {
        engine.getIdentityService().clearAuthentication();
        BpmnAwareTests.reset();
    }

    @Test
    void accessIsGrantedAtOnceEndsByItselfAndIsReviewed() {
        assertThat(call(HttpMethod.GET, "/api/orders/" + lakesideOrder, null).status()).isEqualTo(404);
        assertThat(staff.get("/console/orders/" + lakesideOrder).statusCode()).isEqualTo(404);

        Api.Response granted = call(HttpMethod.POST, "/api/elevated-access",
                Map.of("clinicId", Demo.LAKESIDE, "reason", REASON, "minutes", 30));

        assertThat(granted.status()).isEqualTo(201);
        assertThat(call(HttpMethod.GET, "/api/orders/" + lakesideOrder, null).status()).isEqualTo(200);
        assertThat(staff.get("/console/orders/" + lakesideOrder).statusCode()).isEqualTo(200);
        ProcessInstance process = process(granted.json().get("id").asText());
        assertThat(process).isWaitingAt("Gateway_UntilAccessEnds");

        Job timer = engine.getManagementService().createJobQuery().processInstanceId(process.getId()).timers()
                .singleResult();
        engine.getManagementService().executeJob(timer.getId());

        assertThat(process).isWaitingAt("Task_ReviewElevatedAccess").hasPassed("Event_AccessExpired",
                "Task_EndElevatedAccess");
        assertThat(call(HttpMethod.GET, "/api/orders/" + lakesideOrder, null).status()).isEqualTo(404);
        assertThat(staff.get("/console/orders/" + lakesideOrder).statusCode()).isEqualTo(404);
        assertThat(task(process)).hasCandidateGroup("privacy-officers");

        org.camunda.bpm.engine.task.Task review = task(process);
        // a Camunda administrator may work on any task, but only a privacy officer may review
        assertThatThrownBy(() -> as(Demo.ADMIN, "camunda-admin", () -> complete(review,
                withVariables("reviewOutcome", "APPROPRIATE", "reviewFollowUp", "NONE"))))
                .hasMessageContaining("Only a privacy officer");
        assertThatThrownBy(() -> as(Demo.PRIVACY, "privacy-officers", () -> complete(review,
                withVariables("reviewOutcome", "FINE", "reviewFollowUp", "NONE"))))
                .hasMessageContaining("Choose a finding");
        as(Demo.PRIVACY, "privacy-officers", () -> complete(review,
                withVariables("reviewOutcome", "APPROPRIATE", "reviewFollowUp", "NONE")));

        assertThat(process).isEnded().hasPassed("EndEvent_AccessReviewed");
        assertThat(call(HttpMethod.GET, "/api/elevated-access", null).json().get(0).get("reviewOutcome").asText())
                .isEqualTo("APPROPRIATE");
    }

    @Test
    void theUserEndsTheirAccessEarly() {
        String grantId = call(HttpMethod.POST, "/api/elevated-access",
                Map.of("clinicId", Demo.LAKESIDE, "reason", REASON, "minutes", 240)).json().get("id").asText();

        assertThat(call(HttpMethod.POST, "/api/elevated-access/" + grantId + "/end", null).status()).isEqualTo(204);

        assertThat(process(grantId)).isWaitingAt("Task_ReviewElevatedAccess").hasPassed("Event_AccessEndedEarly");
        assertThat(call(HttpMethod.GET, "/api/orders/" + lakesideOrder, null).status()).isEqualTo(404);
        assertThat(call(HttpMethod.POST, "/api/elevated-access/" + grantId + "/end", null).status()).isEqualTo(409);
    }

    @Test
    void aRequestNeedsAReasonABoundedTimeAndAClinicTheUserLacks() {
        assertThat(call(HttpMethod.POST, "/api/elevated-access",
                Map.of("clinicId", Demo.LAKESIDE, "reason", "because", "minutes", 30)).status()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/api/elevated-access",
                Map.of("clinicId", Demo.LAKESIDE, "reason", REASON, "minutes", 600)).status()).isEqualTo(400);
        assertThat(call(HttpMethod.POST, "/api/elevated-access",
                Map.of("clinicId", Demo.NORTHSIDE, "reason", REASON, "minutes", 30)).status()).isEqualTo(409);
        assertThat(new Api(http).post(Demo.PHARMACIST, "/api/elevated-access",
                Map.of("clinicId", Demo.LAKESIDE, "reason", REASON, "minutes", 30)).status()).isEqualTo(409);
    }

    private Api.Response call(HttpMethod method, String path, Object body) {
        return new Api(http).exchange(null, method, path, body, Map.of("Authorization", "Bearer " + token));
    }

    private ProcessInstance process(String grantId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(grantId)
                .singleResult();
    }

    private void as(String user, String group, Runnable action) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            action.run();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }
}
