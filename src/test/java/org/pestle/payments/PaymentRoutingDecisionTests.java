package org.pestle.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** decisions/payment-routing.dmn, one test per rule row, on the legacy FEEL engine the application runs. */
class PaymentRoutingDecisionTests {

    DmnEngine dmn;
    DmnDecision decision;
    Map<String, Object> in;

    @BeforeEach
    void aSelfPayPatientAtAClinicThatPaysWhenApplicable() throws Exception {
        DefaultDmnEngineConfiguration configuration = new DefaultDmnEngineConfiguration();
        configuration.enableFeelLegacyBehavior(true);
        dmn = configuration.buildEngine();
        try (InputStream table = getClass().getResourceAsStream("/decisions/payment-routing.dmn")) {
            decision = dmn.parseDecision("Decision_PaymentRouting", table);
        }
        in = new HashMap<>(Map.of("patientSelfPayEnabled", true, "clinicPayAutomation", "WHEN_APPLICABLE",
                "clinicHasCardOnFile", true, "orderTotalCents", 2850L, "patientHasMobileNumber", true,
                "patientOptedOutOfTexts", false));
    }

    @Test
    void clinicThatAlwaysPaysIsChargedOnItsCard() {
        in.put("clinicPayAutomation", "ALWAYS");
        assertRoute("CLINIC_CARD", "Clinic pays every order: card on file");
    }

    @Test
    void clinicThatAlwaysPaysWithoutACardIsInvoiced() {
        in.putAll(Map.of("clinicPayAutomation", "ALWAYS", "clinicHasCardOnFile", false));
        assertRoute("CLINIC_INVOICE", "Clinic pays every order: monthly invoice");
    }

    @Test
    void patientWhoCanBeTextedPaysByLinkWithReminderAndExpiry() {
        DmnDecisionResultEntries result = assertRoute("SELF_PAY", "Patient pays by texted pay link");
        assertThat(((Number) result.getEntryMap().get("reminderAfterHours")).intValue()).isEqualTo(24);
        assertThat(((Number) result.getEntryMap().get("expireAfterDays")).intValue()).isEqualTo(7);
    }

    @Test
    void patientWhoOptedOutIsChargedToTheClinicCardWhenApplicable() {
        in.put("patientOptedOutOfTexts", true);
        assertRoute("CLINIC_CARD", "Patient cannot self-pay: clinic card on file");
    }

    @Test
    void orderOverTheCardLimitGoesOnTheInvoiceWhenApplicable() {
        in.putAll(Map.of("patientSelfPayEnabled", false, "orderTotalCents", 50001L));
        assertRoute("CLINIC_INVOICE", "Patient cannot self-pay: clinic invoice");
    }

    @Test
    void clinicThatNeverPaysSendsAPatientWithoutAMobileToBillingStaff() {
        in.putAll(Map.of("clinicPayAutomation", "NEVER", "patientHasMobileNumber", false));
        assertRoute("BILLING_REVIEW", "No automatic payment route: billing staff decide");
    }

    private DmnDecisionResultEntries assertRoute(String route, String reason) {
        DmnDecisionResultEntries result = dmn.evaluateDecision(decision, Variables.fromMap(in)).getSingleResult();
        assertThat((String) result.getEntry("route")).isEqualTo(route);
        assertThat((String) result.getEntry("reason")).isEqualTo(reason);
        return result;
    }
}
