package org.pestle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.Transactions;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.WebSession;
import org.pestle.tenancy.ClinicPayAutomation;
import org.pestle.tenancy.ClinicSettings;
import org.pestle.tenancy.ClinicSettingsChanged;
import org.pestle.tenancy.Clinics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * A pharmacy admin changes a clinic's settings on its settings page; the settings are validated, recorded with who,
 * when and why, and the next order is decided with them.
 */
@IntegrationTest
@RecordApplicationEvents
class ClinicSettingsIntegrationTests {

    static final ClinicSettings NORTHSIDE_SHIPPED = new ClinicSettings(true, true, ClinicPayAutomation.WHEN_APPLICABLE,
            5, 14);

    @LocalServerPort
    int port;

    @Autowired
    Transactions transactions;

    @Autowired
    MutableClock clock;

    @Autowired
    TestRestTemplate http;

    @Autowired
    Clinics clinics;

    @Autowired
    ApplicationEvents events;

    WebSession admin;
    Api api;

    @BeforeEach
    void signInAsPharmacyAdmin() {
        admin = ConsoleSignIn.as(port, clock, Demo.ADMIN);
        api = new Api(http);
    }

    @AfterEach
    void restoreNorthside() {
        transactions.asSystem(() -> clinics.changeSettings(Demo.NORTHSIDE, NORTHSIDE_SHIPPED, "test", "Test over: demo settings again"));
    }

    @Test
    void switchingApprovedCompoundsOnlyOffLetsTheNextOrderForAnOffListCompoundGoToAPharmacist() {
        assertThat(orderTretinoin().get("status").asText()).isEqualTo("REJECTED");

        HttpResponse<String> saved = save("ANY_ITEM", "5", "Northside may order any compound (agreement of 2026-11)");

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(admin.get("/console/clinics/" + Demo.NORTHSIDE).body()).contains("Settings of Northside Family "
                + "Medicine saved", "Northside may order any compound (agreement of 2026-11)");
        assertThat(clinics.find(Demo.NORTHSIDE).orElseThrow().approvedCompoundsOnly()).isFalse();
        JsonNode next = orderTretinoin();
        assertThat(next.get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(next.get("eligibility").asText()).isEqualTo("review");
        assertThat(next.at("/lines/0/eligibilityReason").asText()).isEqualTo(
                "Compound is not on the clinic's approved list");
        assertThat(transactions.asSystem(() -> clinics.settingsHistory(Demo.NORTHSIDE)).get(0)).satisfies(change -> {
            assertThat(change.changedBy()).isEqualTo(Demo.ADMIN);
            assertThat(change.before().approvedCompoundsOnly()).isTrue();
            assertThat(change.after().approvedCompoundsOnly()).isFalse();
        });
    }

    @Test
    void invalidSettingsAreRefusedWithAMessageAndChangeNothing() {
        HttpResponse<String> refused = save("ANY_ITEM", "31", "Longer lead time");

        assertThat(refused.statusCode()).isEqualTo(302);
        String page = admin.get("/console/clinics/" + Demo.NORTHSIDE).body();
        assertThat(page).contains("Nothing was saved", "refillReminderLeadDays", "must be between 0 and 30");
        assertThat(save("ANY_ITEM", "5", "").statusCode()).isEqualTo(302);
        assertThat(admin.get("/console/clinics/" + Demo.NORTHSIDE).body()).contains("reason", "is required");
        assertThat(ClinicSettings.of(clinics.find(Demo.NORTHSIDE).orElseThrow())).isEqualTo(NORTHSIDE_SHIPPED);
    }

    @Test
    void theReturnToStockDayIsAClinicSettingChangedWithItsHistoryAndRefusedOutsideOneToSixtyDays() {
        assertThat(clinics.find(Demo.NORTHSIDE).orElseThrow().returnToStockDays()).as("shipped default").isEqualTo(14);
        String page = admin.get("/console/clinics/" + Demo.NORTHSIDE).body();
        HttpResponse<String> refused = admin.postForm("/console/clinics/" + Demo.NORTHSIDE, "ordering=APPROVED_ONLY"
                + "&selfPay=ENABLED&clinicPayAutomation=WHEN_APPLICABLE&refillReminderLeadDays=5&returnToStockDays=0"
                + "&reason=Sooner&_csrf=" + ConsoleSignIn.csrfOf(page));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(admin.get("/console/clinics/" + Demo.NORTHSIDE).body()).contains("Nothing was saved",
                "returnToStockDays", "must be between 1 and 60");

        page = admin.get("/console/clinics/" + Demo.NORTHSIDE).body();
        HttpResponse<String> saved = admin.postForm("/console/clinics/" + Demo.NORTHSIDE, "ordering=APPROVED_ONLY"
                + "&selfPay=ENABLED&clinicPayAutomation=WHEN_APPLICABLE&refillReminderLeadDays=5&returnToStockDays=7"
                + "&reason=" + URLEncoder.encode("Unclaimed orders back after a week", StandardCharsets.UTF_8)
                + "&_csrf=" + ConsoleSignIn.csrfOf(page));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(clinics.find(Demo.NORTHSIDE).orElseThrow().returnToStockDays()).isEqualTo(7);
        assertThat(transactions.asSystem(() -> clinics.settingsHistory(Demo.NORTHSIDE)).get(0)).satisfies(change -> {
            assertThat(change.changedBy()).isEqualTo(Demo.ADMIN);
            assertThat(change.before().returnToStockDays()).isEqualTo(14);
            assertThat(change.after().returnToStockDays()).isEqualTo(7);
        });
        assertThat(admin.get("/console/clinics/" + Demo.NORTHSIDE).body())
                .contains("unclaimed orders returned to stock after 7 days");
    }

    @Test
    void aChangePublishesClinicSettingsChangedWithTheChangedSettings() {
        transactions.asSystem(() -> clinics.changeSettings(Demo.NORTHSIDE, new ClinicSettings(true, false, ClinicPayAutomation.ALWAYS, 5, 14),
                Demo.ADMIN, "Northside pays for every order"));

        assertThat(events.stream(ClinicSettingsChanged.class)).singleElement().satisfies(event -> {
            assertThat(event.clinicId()).isEqualTo(Demo.NORTHSIDE);
            assertThat(event.changedBy()).isEqualTo(Demo.ADMIN);
            assertThat(event.changed()).containsExactly("patientSelfPayEnabled", "clinicPayAutomation");
        });
    }

    @Test
    void onlyPharmacyAdminsReachTheSettingsPages() {
        WebSession clinicAdmin = ConsoleSignIn.as(port, clock, Demo.CLINIC_ADMIN);

        assertThat(clinicAdmin.get("/console/clinics/" + Demo.NORTHSIDE).statusCode()).isEqualTo(403);
        assertThat(admin.get("/console/clinics").body()).contains("Northside Family Medicine",
                "approved compounds only");
    }

    private HttpResponse<String> save(String ordering, String leadDays, String reason) {
        String page = admin.get("/console/clinics/" + Demo.NORTHSIDE).body();
        return admin.postForm("/console/clinics/" + Demo.NORTHSIDE, "ordering=" + ordering + "&selfPay=ENABLED"
                + "&clinicPayAutomation=WHEN_APPLICABLE&refillReminderLeadDays=" + leadDays + "&reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8) + "&_csrf=" + ConsoleSignIn.csrfOf(page));
    }

    private JsonNode orderTretinoin() {
        Api.Response created = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                line(Demo.TRETINOIN)));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        return await().atMost(Duration.ofSeconds(20)).until(() -> api.get(Demo.REYES, "/api/orders/" + id).json(),
                order -> !order.get("status").asText().equals("SUBMITTED"));
    }
}
