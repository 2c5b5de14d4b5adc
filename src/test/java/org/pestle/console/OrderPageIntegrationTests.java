package org.pestle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The order page shows the patient's name and date of birth only to roles the permission matrix allows. */
@IntegrationTest
class OrderPageIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    MutableClock clock;

    @Test
    void aPharmacistSeesWhoThePatientIs() {
        String page = page(Demo.PHARMACIST, newOrder());

        assertThat(page).contains("Marcus Wilson", "born 1968-04-12");
    }

    @Test
    void aPharmacyAdminSeesTheOrderButOnlyThePatientsIdentifier() {
        String page = page(Demo.ADMIN, newOrder());

        assertThat(page).contains("Naltrexone", Demo.PATIENT_NORTHSIDE.toString(), "identifier only")
                .doesNotContain("Marcus", "Wilson", "1968-04-12");
    }

    @Test
    void anOperatorDoesNotReadOrders() {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(Demo.OPERATOR);

        var response = browser.get("/console/orders/" + newOrder());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Not for your role").doesNotContain("Naltrexone");
    }

    private String newOrder() {
        return new Api(http).post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.NALTREXONE))).json().get("id").asText();
    }

    private String page(String user, String orderId) {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(user);
        return browser.get("/console/orders/" + orderId).body();
    }
}
