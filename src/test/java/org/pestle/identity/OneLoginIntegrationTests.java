package org.pestle.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * One login for Pestle's pages, its API, Camunda's REST API and the Camunda webapps, with users,
 * groups and tenants from Pestle's own user store.
 */
@IntegrationTest
class OneLoginIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Test
    void pagesRedirectToTheLoginFormUntilSignedIn() {
        WebSession browser = new WebSession(port, clock);

        assertThat(browser.get("/").statusCode()).isEqualTo(302);
        assertThat(browser.get("/").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
        assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(302);
    }

    @Test
    void pharmacistSignsInOnceAndIsSignedIntoTasklistWithTheirGroups() throws Exception {
        WebSession browser = new WebSession(port, clock);

        HttpResponse<String> login = browser.signIn(Demo.PHARMACIST);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(browser.get("/").body()).contains("Tasklist");
        assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);

        JsonNode camundaUser = JSON.readTree(browser.camundaApi("GET", "/camunda/api/admin/auth/user/default", null)
                .body());
        assertThat(camundaUser.get("userId").asText()).isEqualTo(Demo.PHARMACIST);
        assertThat(camundaUser.get("authorizedApps").toString()).contains("tasklist").doesNotContain("cockpit",
                "admin");
        JsonNode filters = JSON.readTree(browser.camundaApi("GET", "/camunda/api/engine/engine/default/filter", null)
                .body());
        assertThat(filters.findValuesAsText("name")).contains("Verification queue", "My tasks");
    }

    @Test
    void eachRoleReachesItsOwnWebapps() throws Exception {
        assertThat(appsOf(Demo.OPERATOR)).contains("cockpit").doesNotContain("tasklist", "admin");
        assertThat(appsOf(Demo.ADMIN)).contains("admin", "cockpit");
        assertThat(appsOf(Demo.REYES)).contains("tasklist").doesNotContain("cockpit", "admin");
        assertThat(appsOf(Demo.CLINIC_ADMIN)).doesNotContain("tasklist", "cockpit", "admin");
    }

    @Test
    void wrongPasswordDoesNotSignIn() {
        WebSession browser = new WebSession(port, clock);

        HttpResponse<String> login = browser.password(Demo.PHARMACIST, "not-the-password");

        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?error"));
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void camundasOwnLoginFormCannotBypassPestlesLogin() {
        WebSession browser = new WebSession(port, clock);
        browser.get("/camunda/app/tasklist/");

        HttpResponse<String> camundaLogin = browser.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
                "username=" + Demo.PHARMACIST + "&password=" + Demo.PASSWORD);

        assertThat(camundaLogin.statusCode()).isIn(401, 403);
        assertThat(browser.camundaApi("GET", "/camunda/api/engine/engine/default/task", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void camundaLogoutEndsThePestleSessionToo() {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(Demo.PHARMACIST);
        browser.get("/camunda/app/tasklist/default/");

        browser.camundaApi("POST", "/camunda/api/admin/auth/user/default/logout", null);

        assertThat(browser.get("/").statusCode()).isEqualTo(302);
        assertThat(browser.camundaApi("GET", "/camunda/api/engine/engine/default/task", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void engineRestIsClosedWithoutCredentialsAndScopedByCamundaAuthorization() {
        Api api = new Api(http);

        assertThat(api.get(null, "/engine-rest/process-definition").status()).isEqualTo(401);
        assertThat(api.get(null, "/engine-rest/engine").status()).isEqualTo(401);
        JsonNode forOperator = api.get(Demo.OPERATOR, "/engine-rest/process-definition").json();
        assertThat(forOperator.findValuesAsText("key")).contains("Process_OrderFulfillment");
        JsonNode forClinicAdmin = api.get(Demo.CLINIC_ADMIN, "/engine-rest/process-definition").json();
        assertThat(forClinicAdmin).isEmpty();
        assertThat(api.get(Demo.CLINIC_ADMIN, "/engine-rest/authorization").json()).isEmpty();
    }

    @Test
    void camundaSeesPestleUsersGroupsAndClinicTenants() {
        Api api = new Api(http);

        JsonNode groups = api.get(Demo.ADMIN, "/engine-rest/group?member=" + Demo.REYES).json();
        assertThat(groups.findValuesAsText("id")).containsExactly("prescribers");
        JsonNode reyesTenants = api.get(Demo.ADMIN, "/engine-rest/tenant?userMember=" + Demo.REYES).json();
        assertThat(reyesTenants.findValuesAsText("id")).containsExactly("northside");
        JsonNode pharmacistTenants = api.get(Demo.ADMIN, "/engine-rest/tenant?userMember=" + Demo.PHARMACIST).json();
        assertThat(pharmacistTenants.findValuesAsText("id")).containsExactlyInAnyOrder("lakeside", "northside",
                "summit");
        JsonNode pharmacists = api.get(Demo.ADMIN, "/engine-rest/user?memberOfGroup=pharmacists").json();
        assertThat(pharmacists.findValuesAsText("id")).contains(Demo.PHARMACIST, Demo.PHARMACIST_2)
                .doesNotContain(Demo.TECHNICIAN, Demo.ADMIN, Demo.REYES);
    }

    @Test
    void processInstancesBelongToTheirClinicsTenantSoClinicUsersSeeOnlyTheirs() {
        Api api = new Api(http);
        JsonNode order = api.post(Demo.REYES, "/api/orders", org.pestle.support.Orders.order(Demo.NORTHSIDE,
                Demo.PATIENT_NORTHSIDE, org.pestle.support.Orders.line(Demo.NALTREXONE))).json();
        String businessKey = "processInstanceBusinessKey=" + order.get("orderNumber").asText();

        JsonNode forOperator = api.get(Demo.OPERATOR, "/engine-rest/history/process-instance?" + businessKey).json();
        assertThat(forOperator.findValuesAsText("tenantId")).containsExactly("northside");
        JsonNode forLakesidePrescriber = api.get(Demo.OKAFOR, "/engine-rest/history/process-instance?" + businessKey)
                .json();
        assertThat(forLakesidePrescriber).isEmpty();
    }

    @Test
    void camundaAdminSearchesPestleUsersByNamePattern() throws Exception {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(Demo.ADMIN);
        browser.get("/camunda/app/admin/default/");

        JsonNode users = JSON.readTree(browser.camundaApi("GET",
                "/camunda/api/engine/engine/default/user?firstNameLike=Da%25", null).body());

        assertThat(users.findValuesAsText("id")).containsExactly(Demo.PHARMACIST);
    }

    @Test
    void disabledUserCannotSignIn() {
        jdbc.sql("update app_user set enabled = false where username = ?").param(Demo.TECHNICIAN).update();
        try {
            assertThat(new Api(http).get(Demo.TECHNICIAN, "/api/orders").status()).isEqualTo(401);
            assertThat(new WebSession(port, clock).password(Demo.TECHNICIAN, Demo.PASSWORD).headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        } finally {
            jdbc.sql("update app_user set enabled = true where username = ?").param(Demo.TECHNICIAN).update();
        }
    }

    @Test
    void olderPasswordHashIsUpgradedToArgon2idAtLogin() {
        String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder().encode(Demo.PASSWORD);
        jdbc.sql("update app_user set password_hash = ? where username = ?").params(bcrypt, Demo.PHARMACIST_2)
                .update();

        assertThat(new WebSession(port, clock).password(Demo.PHARMACIST_2, Demo.PASSWORD).headers()
                .firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/mfa"));

        String hash = jdbc.sql("select password_hash from app_user where username = ?").param(Demo.PHARMACIST_2)
                .query(String.class).single();
        assertThat(hash).startsWith("{argon2}$argon2id$");
    }

    private String appsOf(String user) throws Exception {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(user);
        browser.get("/camunda/app/welcome/default/");
        return JSON.readTree(browser.camundaApi("GET", "/camunda/api/admin/auth/user/default", null).body())
                .get("authorizedApps").toString();
    }
}
