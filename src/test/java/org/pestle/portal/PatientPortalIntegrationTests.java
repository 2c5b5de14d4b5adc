package org.pestle.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.net.http.HttpResponse;
import java.time.Duration;
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

/** A patient reaches their own prescriptions only, by a signed, expiring link and their date of birth. */
@IntegrationTest
class PatientPortalIntegrationTests {

    /** Marcus Wilson, a Northside demo patient. */
    private static final String DATE_OF_BIRTH = "1968-04-12";

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MutableClock clock;

    @Test
    void thePatientSeesTheirOwnPrescriptionsAfterGivingTheirDateOfBirth() {
        Api api = new Api(http);
        String mine = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE))).json().get("orderNumber").asText();
        String someoneElses = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE_2,
                line(Demo.ESTRADIOL))).json().get("orderNumber").asText();
        String path = link(Demo.REYES, Demo.PATIENT_NORTHSIDE);
        WebSession patient = new WebSession(port, clock);

        assertThat(patient.get(path).body()).contains("confirm your date of birth").doesNotContain("Marcus");
        HttpResponse<String> page = submit(patient, path, DATE_OF_BIRTH);

        assertThat(page.body()).contains("Hello Marcus.", "<td>" + mine + "</td>",
                "Naltrexone 4.5 mg capsule (low dose)").doesNotContain("<td>" + someoneElses + "</td>", "Wilson", "Priya");
    }

    @Test
    void aWrongDateOfBirthShowsNothingAndFiveBlockTheLink() {
        String path = link(Demo.PHARMACIST, Demo.PATIENT_NORTHSIDE);
        WebSession stranger = new WebSession(port, clock);

        HttpResponse<String> wrong = submit(stranger, path, "1970-01-01");
        assertThat(wrong.body()).contains("does not match").doesNotContain("Marcus");
        for (int i = 0; i < 3; i++) {
            submit(stranger, path, "1970-01-0" + (i + 2));
        }
        HttpResponse<String> fifth = submit(stranger, path, "1971-01-01");

        assertThat(fifth.body()).contains("This link cannot be used");
        assertThat(new WebSession(port, clock).get(path).body()).contains("This link cannot be used");
    }

    @Test
    void aChangedOrExpiredLinkDoesNotWork() {
        String path = link(Demo.REYES, Demo.PATIENT_NORTHSIDE);
        String token = path.substring("/p/".length());
        String otherPatient = link(Demo.REYES, Demo.PATIENT_NORTHSIDE_2).substring("/p/".length());
        String forged = otherPatient.substring(0, otherPatient.indexOf('.')) + token.substring(token.indexOf('.'));

        assertThat(new WebSession(port, clock).get("/p/" + forged).body()).contains("This link cannot be used");
        assertThat(new WebSession(port, clock).get("/p/not-a-token").body()).contains("This link cannot be used");

        clock.advance(Duration.ofDays(7).plusMinutes(1));

        assertThat(new WebSession(port, clock).get(path).body()).contains("This link cannot be used");
    }

    @Test
    void onlyStaffWhoMaySeeThePatientCanMakeALink() {
        Api api = new Api(http);
        assertThat(api.post(Demo.OKAFOR, "/api/patients/" + Demo.PATIENT_NORTHSIDE + "/portal-link", null).status())
                .isEqualTo(404);
        assertThat(api.post(Demo.HALE, "/api/patients/" + Demo.PATIENT_NORTHSIDE + "/portal-link", null).status())
                .isEqualTo(404);
        assertThat(api.post(Demo.OPERATOR, "/api/patients/" + Demo.PATIENT_NORTHSIDE + "/portal-link", null).status())
                .isEqualTo(403);
        assertThat(api.post(Demo.REYES, "/api/patients/" + UUID.randomUUID() + "/portal-link", null).status())
                .isEqualTo(404);
    }

    private String link(String user, UUID patient) {
        Api.Response response = new Api(http).post(user, "/api/patients/" + patient + "/portal-link", null);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String link = response.json().get("link").asText();
        return link.substring(link.indexOf("/p/"));
    }

    private static HttpResponse<String> submit(WebSession patient, String path, String dateOfBirth) {
        String page = patient.get(path).body();
        return patient.postForm(path, "dateOfBirth=" + dateOfBirth + "&_csrf=" + WebSession.csrfOf(page));
    }
}
