package org.pestle.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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

/** The permission matrix and user administration, set in one place and enforced at the next request. */
@IntegrationTest
class AccessAdministrationIntegrationTests {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    TestUsers users;

    @Autowired
    MutableClock clock;

    @Autowired
    TaskService tasks;

    @Test
    void onlyPharmacyAdminsSeeOrChangeTheMatrix() {
        Api api = new Api(http);

        JsonNode matrix = api.get(Demo.ADMIN, "/api/admin/permissions").json();
        assertThat(matrix.at("/OPERATOR/read")).isEmpty();
        assertThat(matrix.at("/PHARMACIST/do").toString()).contains("APPROVE");
        for (String user : List.of(Demo.PHARMACIST, Demo.CLINIC_ADMIN, Demo.OPERATOR, Demo.REYES)) {
            assertThat(api.get(user, "/api/admin/permissions").status()).as(user).isEqualTo(403);
            assertThat(api.exchange(user, HttpMethod.PUT, "/api/admin/permissions/OPERATOR",
                    Map.of("read", List.of("PATIENT_NAME"), "do", List.of()), Map.of()).status()).as(user)
                    .isEqualTo(403);
        }
    }

    @Test
    void hidingPricesFromPrescribersTakesEffectOnTheNextRequest() {
        Api api = new Api(http);
        String id = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE))).json().get("id").asText();
        JsonNode before = api.get(Demo.REYES, "/api/orders/" + id).json();
        assertThat(before.get("totalCents").asLong()).isEqualTo(30 * 95);
        assertThat(before.at("/lines/0/priceCents").asLong()).isEqualTo(30 * 95);
        JsonNode prescriber = api.get(Demo.ADMIN, "/api/admin/permissions").json().get("PRESCRIBER");

        try {
            assertThat(api.exchange(Demo.ADMIN, HttpMethod.PUT, "/api/admin/permissions/PRESCRIBER",
                    Map.of("read", List.of("PATIENT_NAME"), "do", List.of("ORDER")), Map.of()).status())
                    .isEqualTo(200);

            JsonNode after = api.get(Demo.REYES, "/api/orders/" + id).json();
            assertThat(after.has("totalCents")).isFalse();
            assertThat(after.at("/lines/0").has("priceCents")).isFalse();
            assertThat(api.get(Demo.PHARMACIST, "/api/orders/" + id).json().get("totalCents").asLong())
                    .isEqualTo(30 * 95);
        } finally {
            api.exchange(Demo.ADMIN, HttpMethod.PUT, "/api/admin/permissions/PRESCRIBER", prescriber, Map.of());
        }
        assertThat(api.get(Demo.REYES, "/api/orders/" + id).json().has("totalCents")).isTrue();
    }

    @Test
    void aRoleWithoutTheOrderActionCannotOrder() {
        Api api = new Api(http);
        JsonNode prescriber = api.get(Demo.ADMIN, "/api/admin/permissions").json().get("PRESCRIBER");
        try {
            api.exchange(Demo.ADMIN, HttpMethod.PUT, "/api/admin/permissions/PRESCRIBER",
                    Map.of("read", List.of(), "do", List.of("VIEW_PATIENTS")), Map.of());

            Api.Response refused = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                    line(Demo.NALTREXONE)));
            assertThat(refused.status()).isEqualTo(403);
        } finally {
            api.exchange(Demo.ADMIN, HttpMethod.PUT, "/api/admin/permissions/PRESCRIBER", prescriber, Map.of());
        }
        assertThat(api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE))).status()).isEqualTo(201);
    }

    @Test
    void pharmacyAdminsCannotTakeAwayTheirOwnRightToManageUsers() {
        Api.Response response = new Api(http).exchange(Demo.ADMIN, HttpMethod.PUT,
                "/api/admin/permissions/PHARMACY_ADMIN", Map.of("read", List.of(), "do", List.of("EDIT_RULES")),
                Map.of());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().at("/errors/0/field").asText()).isEqualTo("do");
    }

    @Test
    void clinicAdminsManageOnlyTheirClinicsStaff() {
        Api api = new Api(http);
        String staff = users.clinicStaff(SECRET);

        JsonNode visible = api.get(Demo.CLINIC_ADMIN, "/api/admin/users").json();
        assertThat(visible.findValuesAsText("username")).contains(staff, Demo.REYES)
                .doesNotContain(Demo.PHARMACIST, Demo.OKAFOR, Demo.HALE, Demo.ADMIN);
        assertThat(api.post(Demo.CLINIC_ADMIN, "/api/admin/users/" + Demo.PHARMACIST + "/disable", null).status())
                .isEqualTo(404);
        assertThat(api.post(Demo.CLINIC_ADMIN, "/api/admin/users/" + Demo.OKAFOR + "/disable", null).status())
                .isEqualTo(404);
        assertThat(api.post(Demo.CLINIC_ADMIN, "/api/admin/users/" + staff + "/roles/PHARMACIST", null).status())
                .isEqualTo(403);
        assertThat(api.get(Demo.PHARMACIST, "/api/admin/users").status()).isEqualTo(403);
    }

    @Test
    void disablingAUserEndsTheirSessionAndReturnsTheirClaimedTasksToTheQueue() {
        Api api = new Api(http);
        String pharmacist = users.pharmacist(SECRET);
        WebSession browser = new WebSession(port, clock);
        browser.password(pharmacist, Demo.PASSWORD);
        browser.code(Authenticator.nextCode(SECRET, clock));
        String orderNumber = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE))).json().get("orderNumber").asText();
        Task task = await().atMost(Duration.ofSeconds(20)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(orderNumber).singleResult(), t -> t != null);
        browser.get("/camunda/app/tasklist/default/");
        assertThat(browser.camundaApi("POST", "/camunda/api/engine/engine/default/task/" + task.getId() + "/claim",
                "{\"userId\":\"" + pharmacist + "\"}").statusCode()).isEqualTo(204);

        assertThat(api.post(Demo.ADMIN, "/api/admin/users/" + pharmacist + "/disable", null).status()).isEqualTo(204);

        assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
        assertThat(browser.camundaApi("GET", "/camunda/api/engine/engine/default/task", null).statusCode())
                .isEqualTo(401);
        assertThat(browser.password(pharmacist, Demo.PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/login?error");
        assertThat(api.post(Demo.ADMIN, "/api/admin/users/" + pharmacist + "/enable", null).status()).isEqualTo(204);
        assertThat(new WebSession(port, clock).password(pharmacist, Demo.PASSWORD).headers().firstValue("Location")
                .orElseThrow()).endsWith("/mfa");
    }

    @Test
    void anAdminResetOfMfaMakesTheUserEnrollAgain() {
        Api api = new Api(http);
        String staff = users.clinicStaff(SECRET);

        assertThat(api.exchange(Demo.CLINIC_ADMIN, HttpMethod.DELETE, "/api/admin/users/" + staff + "/mfa", null,
                Map.of()).status()).isEqualTo(204);

        assertThat(new WebSession(port, clock).password(staff, Demo.PASSWORD).headers().firstValue("Location")
                .orElseThrow()).endsWith("/mfa/enroll");
    }

    @Test
    void adminsCannotDisableThemselves() {
        assertThat(new Api(http).post(Demo.ADMIN, "/api/admin/users/" + Demo.ADMIN + "/disable", null).status())
                .isEqualTo(409);
    }
}
