package org.pestle.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing in: a password and a TOTP code for every role and every entry point, enrollment with
 * recovery codes, lockout, session limits, deprovisioning and API tokens.
 */
@IntegrationTest
class SignInSecurityIntegrationTests {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestRestTemplate http;

    @Test
    void aPasswordAloneReachesNothingButTheCodePage() {
        WebSession browser = new WebSession(port, clock);

        assertThat(location(browser.password(Demo.PHARMACIST, Demo.PASSWORD))).endsWith("/mfa");

        assertThat(location(browser.get("/"))).endsWith("/mfa");
        assertThat(location(browser.get("/camunda/app/tasklist/default/"))).endsWith("/mfa");
        assertThat(location(browser.get("/console/tokens"))).endsWith("/mfa");
        assertThat(browser.camundaApi("GET", "/camunda/api/engine/engine/default/task", null).statusCode())
                .isEqualTo(401);
        assertThat(browser.camundaApi("GET", "/camunda/api/admin/auth/user/default", null).statusCode())
                .isEqualTo(401);
        assertThat(browser.camundaApi("GET", "/engine-rest/task", null).statusCode()).isEqualTo(401);
        assertThat(browser.camundaApi("GET", "/api/orders", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutConfigurationTheLoginPageOffersNoSingleSignOn() {
        WebSession browser = new WebSession(port, clock);

        assertThat(browser.get("/login").body()).contains("name=\"password\"").doesNotContain("oauth2");
        assertThat(location(browser.get("/oauth2/authorization/pestle"))).endsWith("/login");
    }

    @Test
    void aWrongCodeIsRefusedAndAUsedCodeCannotBeUsedAgain() {
        String user = users.clinicStaff(SECRET);
        WebSession first = new WebSession(port, clock);
        first.password(user, Demo.PASSWORD);
        assertThat(first.code("000000").body()).contains("That code is not valid");

        String code = Authenticator.nextCode(SECRET, clock);
        assertThat(location(first.code(code))).endsWith("/");
        assertThat(first.get("/").statusCode()).isEqualTo(200);

        WebSession second = new WebSession(port, clock);
        second.password(user, Demo.PASSWORD);
        assertThat(second.code(code).body()).contains("That code is not valid");
        assertThat(location(second.get("/"))).endsWith("/mfa");
    }

    @Test
    void aNewUserEnrollsAnAuthenticatorAndGetsRecoveryCodesThatWorkOnce() {
        String user = users.clinicStaff(null);
        WebSession browser = new WebSession(port, clock);

        assertThat(location(browser.password(user, Demo.PASSWORD))).endsWith("/mfa/enroll");
        assertThat(location(browser.get("/"))).endsWith("/mfa");
        String enrollPage = browser.get("/mfa/enroll").body();
        assertThat(enrollPage).contains("data:image/png;base64,");
        String secret = first(Pattern.compile("<code id=\"secret\">([A-Z2-7 ]+)</code>"), enrollPage).replace(" ", "");

        HttpResponse<String> wrong = browser.postForm("/mfa/enroll", "code=000000&_csrf="
                + WebSession.csrfOf(enrollPage));
        assertThat(wrong.body()).contains("That code does not match");
        HttpResponse<String> enrolled = browser.postForm("/mfa/enroll", "code="
                + Authenticator.nextCode(secret, clock) + "&_csrf=" + WebSession.csrfOf(wrong.body()));
        assertThat(location(enrolled)).endsWith("/mfa/recovery-codes");
        List<String> codes = all(Pattern.compile("<code>([A-Z2-7]{5}-[A-Z2-7]{5})</code>"),
                browser.get("/mfa/recovery-codes").body());
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(location(browser.get("/mfa/recovery-codes"))).endsWith("/");

        WebSession lostPhone = new WebSession(port, clock);
        assertThat(location(lostPhone.password(user, Demo.PASSWORD))).endsWith("/mfa");
        assertThat(location(lostPhone.code(codes.get(0)))).endsWith("/");
        WebSession again = new WebSession(port, clock);
        again.password(user, Demo.PASSWORD);
        assertThat(again.code(codes.get(0)).body()).contains("That code is not valid");
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutes() {
        String user = users.clinicStaff(SECRET);
        for (int i = 0; i < 5; i++) {
            assertThat(location(new WebSession(port, clock).password(user, "wrong-" + i))).endsWith("/login?error");
        }

        HttpResponse<String> locked = new WebSession(port, clock).password(user, Demo.PASSWORD);
        assertThat(location(locked)).endsWith("/login?error");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(location(new WebSession(port, clock).password(user, Demo.PASSWORD))).endsWith("/mfa");
    }

    @Test
    void wrongCodesCountTowardsTheLockout() {
        String user = users.clinicStaff(SECRET);
        WebSession browser = new WebSession(port, clock);
        browser.password(user, Demo.PASSWORD);
        for (int i = 0; i < 4; i++) {
            assertThat(browser.code("000000").body()).contains("That code is not valid");
        }

        assertThat(location(browser.code("000000"))).endsWith("/login?locked");
        assertThat(location(new WebSession(port, clock).password(user, Demo.PASSWORD))).endsWith("/login?error");
    }

    @Test
    void aSessionEndsAfterFifteenIdleMinutes() {
        WebSession browser = signedIn(users.clinicStaff(SECRET));
        clock.advance(Duration.ofMinutes(14));
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(location(browser.get("/"))).endsWith("/login?expired");
        assertThat(location(browser.get("/"))).endsWith("/login");
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverActive() {
        WebSession browser = signedIn(users.clinicStaff(SECRET));
        for (int minutes = 0; minutes < 12 * 60 - 14; minutes += 14) {
            clock.advance(Duration.ofMinutes(14));
            assertThat(browser.get("/").statusCode()).as("after %d minutes", minutes + 14).isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(14));

        assertThat(location(browser.get("/"))).endsWith("/login?expired");
    }

    @Test
    void removingARoleEndsTheUsersSessionsAtTheirNextRequest() {
        String user = users.clinicStaff(SECRET);
        WebSession browser = signedIn(user);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        jdbc.sql("delete from user_role where user_id = (select id from app_user where username = ?)").param(user)
                .update();

        assertThat(location(browser.get("/"))).endsWith("/login?ended");
    }

    @Test
    void disablingAUserEndsTheirWebappSessionToo() {
        String user = users.clinicStaff(SECRET);
        WebSession browser = signedIn(user);
        browser.get("/camunda/app/welcome/default/");
        assertThat(browser.camundaApi("GET", "/camunda/api/admin/auth/user/default", null).statusCode())
                .isEqualTo(200);

        jdbc.sql("update app_user set enabled = false where username = ?").param(user).update();

        assertThat(browser.camundaApi("GET", "/camunda/api/admin/auth/user/default", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void apiTokensAreCreatedAfterSignInWorkUntilRevokedAndExpire() {
        String user = users.clinicStaff(SECRET);
        WebSession browser = signedIn(user);
        String page = browser.get("/console/tokens").body();

        String created = browser.postForm("/console/tokens", "name=laptop&days=30&_csrf=" + WebSession.csrfOf(page))
                .body();
        String token = first(Pattern.compile("<code id=\"new-token\">(pat_[A-Za-z0-9_-]+)</code>"), created);
        assertThat(bearer(token, "/api/orders").status()).isEqualTo(200);

        String tokenId = first(Pattern.compile("/console/tokens/([0-9a-f-]{36})/revoke"), created);
        browser.postForm("/console/tokens/" + tokenId + "/revoke", "_csrf=" + WebSession.csrfOf(created));
        assertThat(bearer(token, "/api/orders").status()).isEqualTo(401);

        String shortLived = first(Pattern.compile("<code id=\"new-token\">(pat_[A-Za-z0-9_-]+)</code>"),
                browser.postForm("/console/tokens", "name=short&days=1&_csrf="
                        + WebSession.csrfOf(browser.get("/console/tokens").body())).body());
        assertThat(bearer(shortLived, "/api/orders").status()).isEqualTo(200);
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(bearer(shortLived, "/api/orders").status()).isEqualTo(401);
    }

    @Test
    void aDisabledUsersTokensStopWorking() {
        assertThat(new Api(http).get(Demo.TECHNICIAN, "/api/orders").status()).isEqualTo(200);
        jdbc.sql("update app_user set enabled = false where username = ?").param(Demo.TECHNICIAN).update();
        try {
            assertThat(new Api(http).get(Demo.TECHNICIAN, "/api/orders").status()).isEqualTo(401);
            assertThat(new Api(http).get(Demo.TECHNICIAN, "/engine-rest/task").status()).isEqualTo(401);
        } finally {
            jdbc.sql("update app_user set enabled = true where username = ?").param(Demo.TECHNICIAN).update();
        }
    }

    private WebSession signedIn(String user) {
        WebSession browser = new WebSession(port, clock);
        browser.password(user, Demo.PASSWORD);
        assertThat(location(browser.code(Authenticator.nextCode(SECRET, clock)))).endsWith("/");
        return browser;
    }

    private Api.Response bearer(String token, String path) {
        return new Api(http).exchange(null, HttpMethod.GET, path, null, Map.of("Authorization", "Bearer " + token));
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(status " + response.statusCode() + ")");
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
        return matcher.group(1);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
