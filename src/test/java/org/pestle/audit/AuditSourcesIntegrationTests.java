package org.pestle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each source of the audit trail, through real HTTP: orders through the API and the console page,
 * the second factor, lockout, sign-out and session expiry through a browser-like session, refused
 * requests and break-glass use. (Payments: PaymentProcessIntegrationTests.)
 */
@IntegrationTest
class AuditSourcesIntegrationTests {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @Autowired
    TestRestTemplate http;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    TestUsers users;

    @LocalServerPort
    int port;

    @Test
    void anOrderIsRecordedWhenCreatedOpenedAndCancelledWithItsPatientAndClinic() {
        long before = lastSeq();
        Api api = new Api(http);
        String id = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE))).json().get("id").asText();
        assertThat(api.get(Demo.REYES, "/api/orders/" + id).status()).isEqualTo(200);
        WebSession pharmacist = new WebSession(port, clock);
        pharmacist.signIn(Demo.PHARMACIST);
        assertThat(pharmacist.get("/console/orders/" + id).statusCode()).isEqualTo(200);
        assertThat(api.post(Demo.REYES, "/api/orders/" + id + "/cancel", Map.of("reason", "PATIENT_REQUEST"))
                .status()).isEqualTo(200);

        List<Map<String, Object>> records = records(before, "order.%", id);
        assertThat(records).extracting(r -> r.get("action") + " " + r.get("actor") + " " + r.get("outcome"))
                .containsExactly("order.created dr.reyes success", "order.viewed dr.reyes success",
                        "order.viewed pharmacist success", "order.cancelled dr.reyes success");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("entity_type")).isEqualTo("order");
            assertThat(r.get("patient_id")).isEqualTo(Demo.PATIENT_NORTHSIDE);
            assertThat(r.get("clinic_id")).isEqualTo(Demo.NORTHSIDE);
            assertThat(r.get("organization_id")).isEqualTo(organizationOf(Demo.NORTHSIDE));
            assertThat(r.get("source_address")).isEqualTo("127.0.0.1");
        });
        assertThat(records.get(0).get("actor_role")).isEqualTo("PRESCRIBER");
        assertThat(records.get(0).get("on_behalf_of")).as("a prescriber orders for themselves").isNull();
        assertThat((String) records.get(0).get("details")).contains("\"orderNumber\"", "\"prescriberId\"");
        assertThat((String) records.get(1).get("details")).contains("\"via\": \"API\"");
        assertThat((String) records.get(2).get("details")).contains("\"via\": \"CONSOLE\"");
        assertThat((String) records.get(3).get("details")).contains("\"reason\": \"PATIENT_REQUEST\"");
    }

    @Test
    void listingOrdersIsNotRecordedAsOpeningThem() {
        long before = lastSeq();
        assertThat(new Api(http).get(Demo.REYES, "/api/orders").status()).isEqualTo(200);
        assertThat(transactions.asSystem(() -> jdbc.sql(
                "select count(*) from audit_record where seq > ? and action = 'order.viewed'")
                .param(before).query(Long.class).single())).isZero();
    }

    @Test
    void enrollingASecondFactorIsRecorded() {
        String user = users.clinicStaff(null);
        long before = lastSeq();
        WebSession browser = new WebSession(port, clock);
        browser.password(user, Demo.PASSWORD);
        String enrollPage = browser.get("/mfa/enroll").body();
        Matcher secret = Pattern.compile("<code id=\"secret\">([A-Z2-7 ]+)</code>").matcher(enrollPage);
        assertThat(secret.find()).isTrue();
        HttpResponse<String> wrong = browser.postForm("/mfa/enroll", "code=000000&_csrf="
                + WebSession.csrfOf(enrollPage));
        browser.postForm("/mfa/enroll", "code=" + Authenticator.nextCode(secret.group(1).replace(" ", ""), clock)
                + "&_csrf=" + WebSession.csrfOf(wrong.body()));

        assertThat(summaries(before, "mfa.%")).containsExactly("mfa.failed " + user + " failed user " + user,
                "mfa.enrolled " + user + " success user " + user);
    }

    @Test
    void wrongCodesAreRecordedAsFailuresAndTheLockoutAsTheSystems() {
        String user = users.clinicStaff(SECRET);
        long before = lastSeq();
        WebSession browser = new WebSession(port, clock);
        browser.password(user, Demo.PASSWORD);
        for (int i = 0; i < 5; i++) {
            browser.code("000000");
        }

        assertThat(summaries(before, "mfa.%")).hasSize(5)
                .containsOnly("mfa.failed " + user + " failed user " + user);
        Map<String, Object> locked = records(before, "account.locked", user).get(0);
        assertThat(locked.get("actor")).isEqualTo("system:security");
        assertThat(locked.get("outcome")).isEqualTo("success");
        assertThat((String) locked.get("details")).contains("\"after\": \"MFA_CODE\"", "lockedUntil");
        assertThat(records(before, "mfa.failed", user).get(0).get("actor_role")).isEqualTo("CLINIC_STAFF");
    }

    @Test
    void aRightCodeSignOutAndAnIdleSessionAreRecorded() {
        String user = users.clinicStaff(SECRET);
        long before = lastSeq();
        WebSession leaves = new WebSession(port, clock);
        leaves.password(user, Demo.PASSWORD);
        leaves.code(Authenticator.nextCode(SECRET, clock));
        String home = leaves.get("/").body();
        assertThat(leaves.postForm("/logout", "_csrf=" + WebSession.csrfOf(home)).headers()
                .firstValue("Location").orElse("")).endsWith("/login?logout");

        WebSession idles = new WebSession(port, clock);
        idles.password(user, Demo.PASSWORD);
        idles.code(Authenticator.nextCode(SECRET, clock));
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(idles.get("/").headers().firstValue("Location").orElse("")).endsWith("/login?expired");

        assertThat(summaries(before, "mfa.succeeded")).hasSize(2);
        assertThat(records(before, "logout", user)).singleElement().satisfies(r -> {
            assertThat(r.get("actor")).isEqualTo(user);
            assertThat(r.get("actor_role")).isEqualTo("CLINIC_STAFF");
            assertThat(r.get("source_address")).isEqualTo("127.0.0.1");
        });
        assertThat(records(before, "session.expired", user)).singleElement()
                .satisfies(r -> assertThat((String) r.get("details")).contains("IDLE_TIMEOUT"));
    }

    @Test
    void refusedRequestsOfSignedInUsersAreRecordedAsDeniedWithoutFreeTextAndAnonymousOnesAreNot() {
        String order = new Api(http).post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE))).json().get("id").asText();
        long before = lastSeq();
        Api api = new Api(http);

        assertThat(api.get(Demo.REYES, "/api/admin/audit/verify").status()).isEqualTo(403);
        assertThat(api.get(Demo.OPERATOR, "/api/orders/" + order).status()).isEqualTo(403);
        assertThat(api.get(Demo.OPERATOR, "/api/orders/Wilson").status()).isEqualTo(403);
        assertThat(http.getForEntity("/api/orders/" + order, String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(http.exchange("/api/orders/" + order, HttpMethod.GET, new org.springframework.http.HttpEntity<>(
                headers("Bearer pat_not-a-token")), String.class).getStatusCode().value()).isEqualTo(401);

        List<Map<String, Object>> denied = transactions.asSystem(() -> jdbc.sql("""
                select actor, actor_role, entity_type, entity_id, outcome, details::text as details from audit_record
                where seq > ? and action = 'access.denied' order by seq""").param(before).query().listOfRows());
        assertThat(denied).extracting(r -> r.get("actor") + " " + r.get("outcome") + " " + r.get("entity_id"))
                .containsExactly("dr.reyes denied GET /api/admin/audit/verify",
                        "operator denied GET /api/orders/" + order,
                        "operator denied GET /api/orders/{id}");
        assertThat((String) denied.get(0).get("details")).contains("\"action\": \"VIEW_AUDIT\"");
        assertThat(denied.get(1).get("actor_role")).isEqualTo("OPERATOR");
    }

    @Test
    void readingAnotherClinicsOrderThroughABreakGlassGrantIsRecordedAsItsUse() {
        String reason = "Covering for Lakeside during a patient emergency call";
        String lakesideOrder = new Api(http).post(Demo.OKAFOR, "/api/orders", order(Demo.LAKESIDE,
                Demo.PATIENT_LAKESIDE, line(Demo.MOUTHWASH))).json().get("id").asText();
        String user = users.clinicStaff(SECRET);
        WebSession staff = new WebSession(port, clock);
        staff.password(user, Demo.PASSWORD);
        staff.code(Authenticator.nextCode(SECRET, clock));
        String created = staff.postForm("/console/tokens", "name=test&days=1&_csrf="
                + WebSession.csrfOf(staff.get("/console/tokens").body())).body();
        Matcher token = Pattern.compile("<code id=\"new-token\">(pat_[A-Za-z0-9_-]+)</code>").matcher(created);
        assertThat(token.find()).isTrue();
        long before = lastSeq();
        assertThat(staff.get("/console/orders/" + lakesideOrder).statusCode()).isEqualTo(404);

        JsonNode grant = json(http.exchange("/api/elevated-access", HttpMethod.POST, new org.springframework.http
                .HttpEntity<>(Map.of("clinicId", Demo.LAKESIDE, "reason", reason, "minutes", 30),
                headers("Bearer " + token.group(1))), String.class).getBody());
        assertThat(staff.get("/console/orders/" + lakesideOrder).statusCode()).isEqualTo(200);

        List<Map<String, Object>> uses = records(before, "elevated-access.used", grant.get("id").asText());
        assertThat(uses).singleElement().satisfies(r -> {
            assertThat(r.get("actor")).isEqualTo(user);
            assertThat(r.get("clinic_id")).isEqualTo(Demo.LAKESIDE);
            assertThat(r.get("patient_id")).isEqualTo(Demo.PATIENT_LAKESIDE);
            assertThat(r.get("reason")).isEqualTo(reason);
            assertThat((String) r.get("details")).contains("\"action\": \"order.viewed\"", lakesideOrder);
        });
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record where seq > ? and action = 'elevated-access.used'
                and actor = 'dr.okafor'""").param(before).query(Long.class).single()))
                .as("an assigned user's reading is no break-glass use").isZero();
    }

    // ---- helpers ----

    private static HttpHeaders headers(String authorization) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, authorization);
        headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
        return headers;
    }

    private static JsonNode json(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private UUID organizationOf(UUID clinic) {
        return transactions.asSystem(() -> jdbc.sql("select organization_id from clinic where id = ?").param(clinic)
                .query(UUID.class).single());
    }

    private List<Map<String, Object>> records(long after, String actionLike, String entityId) {
        return transactions.asSystem(() -> jdbc.sql("""
                select action, actor, actor_role, on_behalf_of, organization_id, clinic_id, entity_type, entity_id,
                       patient_id, outcome, source_address, reason, details::text as details
                from audit_record where seq > ? and action like ? and entity_id = ? order by seq""")
                .params(after, actionLike, entityId).query().listOfRows());
    }

    private List<String> summaries(long after, String actionLike) {
        return transactions.asSystem(() -> jdbc.sql("""
                select action || ' ' || actor || ' ' || outcome || ' ' || coalesce(entity_type, '') || ' '
                       || coalesce(entity_id, '')
                from audit_record where seq > ? and action like ? order by seq""")
                .params(after, actionLike).query(String.class).list());
    }

    private long lastSeq() {
        return transactions.asSystem(() -> jdbc.sql("select coalesce(max(seq), 0) from audit_record").query(Long.class).single());
    }
}
