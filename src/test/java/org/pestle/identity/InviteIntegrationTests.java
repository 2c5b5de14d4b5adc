package org.pestle.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Clinic admins invite staff by a link that works once and expires; the invitee enrolls MFA first thing. */
@IntegrationTest
class InviteIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MutableClock clock;

    @Test
    void anInviteeSetsAPasswordAndEnrollsMfaAtFirstSignIn() {
        String path = invite(Demo.NORTHSIDE, "CLINIC_STAFF");
        String username = "new." + UUID.randomUUID().toString().substring(0, 6);
        WebSession invitee = new WebSession(port, clock);

        assertThat(invitee.get(path).body()).contains("Welcome, Alex");
        HttpResponse<String> accepted = accept(invitee, path, username, "correct horse battery");

        assertThat(accepted.headers().firstValue("Location").orElseThrow()).endsWith("/login?welcome");
        assertThat(new WebSession(port, clock).password(username, "correct horse battery").headers()
                .firstValue("Location").orElseThrow()).endsWith("/mfa/enroll");
        assertThat(new Api(http).get(Demo.CLINIC_ADMIN, "/api/admin/users").json().findValuesAsText("username"))
                .contains(username);
    }

    @Test
    void anInviteWorksOnce() {
        String path = invite(Demo.NORTHSIDE, "CLINIC_STAFF");
        accept(new WebSession(port, clock), path, "once." + UUID.randomUUID().toString().substring(0, 6),
                "correct horse battery");

        WebSession second = new WebSession(port, clock);
        assertThat(second.get(path).body()).contains("This invite link is not valid");
    }

    @Test
    void anInviteExpiresAfterThreeDays() {
        String path = invite(Demo.NORTHSIDE, "CLINIC_STAFF");

        clock.advance(Duration.ofHours(72).plusMinutes(1));

        assertThat(new WebSession(port, clock).get(path).body()).contains("This invite link is not valid");
    }

    @Test
    void weakOrClashingChoicesAreExplainedAndLoseNothing() {
        String path = invite(Demo.NORTHSIDE, "CLINIC_STAFF");
        WebSession invitee = new WebSession(port, clock);

        assertThat(accept(invitee, path, Demo.PHARMACIST, "correct horse battery").body()).contains("taken");
        assertThat(accept(invitee, path, "short.pw", "too short").body()).contains("at least 12");
        assertThat(accept(invitee, path, "Bad Name!", "correct horse battery").body()).contains("lower-case");
        assertThat(invitee.get(path).body()).contains("Welcome, Alex");
    }

    @Test
    void clinicAdminsInviteOnlyToTheirClinicsAndOnlyClinicRoles() {
        Api api = new Api(http);
        Map<String, Object> lakeside = Map.of("clinicId", Demo.LAKESIDE, "role", "CLINIC_STAFF",
                "email", "alex@harbor.example", "firstName", "Alex", "lastName", "Kim");

        assertThat(api.post(Demo.CLINIC_ADMIN, "/api/invites", lakeside).status()).isEqualTo(422);
        assertThat(api.post(Demo.CLINIC_ADMIN, "/api/invites", Map.of("clinicId", Demo.NORTHSIDE, "role",
                "PHARMACIST", "email", "alex@harbor.example", "firstName", "Alex", "lastName", "Kim")).status())
                .isEqualTo(422);
        assertThat(api.post(Demo.REYES, "/api/invites", lakeside).status()).isEqualTo(403);
        assertThat(api.post(Demo.CLINIC_ADMIN, "/api/invites", Map.of("clinicId", Demo.NORTHSIDE, "role",
                "CLINIC_STAFF", "email", "not-an-address", "firstName", "Alex", "lastName", "Kim")).status())
                .isEqualTo(400);
    }

    private String invite(java.util.UUID clinic, String role) {
        Api.Response created = new Api(http).post(Demo.CLINIC_ADMIN, "/api/invites", Map.of("clinicId", clinic,
                "role", role, "email", "alex@harbor.example", "firstName", "Alex", "lastName", "Kim"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String link = created.json().get("inviteLink").asText();
        return link.substring(link.indexOf("/invite/"));
    }

    private static HttpResponse<String> accept(WebSession invitee, String path, String username, String password) {
        String page = invitee.get(path).body();
        return invitee.postForm(path, "username=" + java.net.URLEncoder.encode(username,
                java.nio.charset.StandardCharsets.UTF_8) + "&password=" + java.net.URLEncoder.encode(password,
                java.nio.charset.StandardCharsets.UTF_8) + "&confirmation=" + java.net.URLEncoder.encode(password,
                java.nio.charset.StandardCharsets.UTF_8) + "&_csrf=" + WebSession.csrfOf(page));
    }
}
