package org.pestle.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.audit.internal.ActivitySentences.Names;
import org.pestle.audit.internal.ActivitySentences.Told;
import org.pestle.identity.People.Person;

/** Each action the activity feed tells of, as its sentence, with and without what a viewer may not see. */
class ActivitySentencesTests {

    static final UUID PATIENT = UUID.randomUUID();
    static final UUID CLINIC = UUID.randomUUID();
    static final Map<String, Person> PEOPLE = Map.of(
            "dr.reyes", new Person("dr.reyes", "Elena", "Reyes"),
            "pharmacist", new Person("pharmacist", "Dana", "Whitfield"),
            "admin", new Person("admin", "Jane", "Moss"));

    /** A viewer who may read patient names and amounts. */
    static final Names ALL = new Names(PEOPLE, Map.of(PATIENT, "M. Wilson"),
            id -> id.equals(CLINIC) ? Optional.of("Northside Family Clinic") : Optional.empty(), true);

    /** A viewer who may read neither. */
    static final Names NEITHER = new Names(PEOPLE, Map.of(), ALL.clinicNames(), false);

    static Told told(String actor, String role, String action, String entityType, String entityId,
            Map<String, Object> details) {
        return new Told(actor, role, action, entityType, entityId, PATIENT, CLINIC, details);
    }

    static String sentence(Told told, Names names) {
        return ActivitySentences.sentence(told, names).orElseThrow();
    }

    @Test
    void everyActionTheFeedTellsOfHasTheKindTheStartPageFiltersBy() {
        assertThat(ActivitySentences.kindOf("order.approved")).isEqualTo(org.pestle.audit.ActivityFeed.Kind.ORDERS);
        assertThat(ActivitySentences.kindOf("pickup.recorded")).isEqualTo(org.pestle.audit.ActivityFeed.Kind.ORDERS);
        assertThat(ActivitySentences.kindOf("patient.created")).isEqualTo(org.pestle.audit.ActivityFeed.Kind.ORDERS);
        assertThat(ActivitySentences.kindOf("payment.failed")).isEqualTo(org.pestle.audit.ActivityFeed.Kind.PAYMENTS);
        assertThat(ActivitySentences.kindOf("permissions.changed"))
                .isEqualTo(org.pestle.audit.ActivityFeed.Kind.PERMISSIONS_AND_RULES);
        assertThat(ActivitySentences.kindOf("clinic-settings.changed"))
                .isEqualTo(org.pestle.audit.ActivityFeed.Kind.PERMISSIONS_AND_RULES);
        assertThat(ActivitySentences.kindOf("elevated-access.granted"))
                .isEqualTo(org.pestle.audit.ActivityFeed.Kind.ACCESS_AND_SECURITY);
        assertThat(ActivitySentences.kindOf("audit.exported"))
                .isEqualTo(org.pestle.audit.ActivityFeed.Kind.ACCESS_AND_SECURITY);
    }

    @Test
    void aPrescriberIsCalledDoctorByLastName() {
        assertThat(sentence(told("dr.reyes", "PRESCRIBER", "order.created", "order", "o", Map.of("orderNumber", 2847)),
                ALL)).isEqualTo("Dr. Reyes submitted order #2847");
    }

    @Test
    void aPharmacistIsCalledByFirstNameAndRole() {
        assertThat(sentence(told("pharmacist", "PHARMACIST", "order.approved", "order", "o",
                Map.of("orderNumber", 2847)), ALL)).isEqualTo("Dana (pharmacist) approved order #2847");
    }

    @Test
    void aRejectionAndACancellationSayWhichOrder() {
        assertThat(sentence(told("pharmacist", "PHARMACIST", "order.rejected", "order", "o",
                Map.of("orderNumber", 12, "reason", "INELIGIBLE")), ALL)).isEqualTo("Dana (pharmacist) rejected order #12");
        assertThat(sentence(told("dr.reyes", "PRESCRIBER", "order.cancelled", "order", "o",
                Map.of("orderNumber", 12, "reason", "PRESCRIBER_REQUEST")), ALL))
                .isEqualTo("Dr. Reyes cancelled order #12 (prescriber request)");
    }

    @Test
    void backgroundWorkIsPestles() {
        assertThat(sentence(told("system:payment", null, "order.cancelled", "order", "o",
                Map.of("orderNumber", 12, "reason", "PAYMENT_EXPIRED")), ALL))
                .isEqualTo("Pestle cancelled order #12 (payment expired)");
    }

    @Test
    void aSelfPaidPaymentNamesThePatientAndTheAmountOnlyToThoseWhoMaySeeThem() {
        Told paid = told("system:stripe", null, "payment.captured", "payment", "p",
                Map.of("orderNumber", 2847, "amountCents", 5200, "route", "SELF_PAY"));

        assertThat(sentence(paid, ALL)).isEqualTo("Patient M. Wilson paid $52.00 for order #2847");
        assertThat(sentence(paid, NEITHER)).isEqualTo("The patient paid for order #2847");
    }

    @Test
    void aClinicCardChargeNamesTheClinic() {
        assertThat(sentence(told("system:payment", null, "payment.captured", "payment", "p",
                Map.of("orderNumber", 7, "amountCents", 12999, "route", "CLINIC_CARD")), ALL))
                .isEqualTo("Northside Family Clinic's card was charged $129.99 for order #7");
    }

    @Test
    void anInvoicedOrderAndARefundTellTheirAmounts() {
        assertThat(sentence(told("system:payment", null, "payment.invoiced", "payment", "p",
                Map.of("orderNumber", 7, "amountCents", 4000)), ALL))
                .isEqualTo("Order #7 went onto Northside Family Clinic's invoice for $40.00");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "payment.refunded", "payment", "p",
                Map.of("orderNumber", 7, "amountCents", 4000)), ALL)).isEqualTo("$40.00 was refunded for order #7");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "payment.refunded", "payment", "p",
                Map.of("orderNumber", 7, "amountCents", 4000)), NEITHER))
                .isEqualTo("The payment for order #7 was refunded");
    }

    @Test
    void aFailedPaymentSaysWhy() {
        assertThat(sentence(told("system:payment-process", null, "payment.failed", "payment", "p",
                Map.of("orderNumber", 7, "route", "CLINIC_CARD", "failureCode", "card_declined")), ALL))
                .isEqualTo("The payment for order #7 failed (card declined)");
    }

    @Test
    void patientRecordsAreNamedOnlyToThoseWhoMayReadNames() {
        Told added = told("dr.reyes", "PRESCRIBER", "patient.created", "patient", PATIENT.toString(), Map.of());
        Told changed = told("dr.reyes", "PRESCRIBER", "patient.changed", "patient", PATIENT.toString(), Map.of());

        assertThat(sentence(added, ALL)).isEqualTo("Dr. Reyes added patient M. Wilson");
        assertThat(sentence(added, NEITHER)).isEqualTo("Dr. Reyes added a patient");
        assertThat(sentence(changed, ALL)).isEqualTo("Dr. Reyes updated the record of patient M. Wilson");
        assertThat(sentence(changed, NEITHER)).isEqualTo("Dr. Reyes updated a patient's record");
    }

    @Test
    void aPatientsStopAndStartByTextAreToldWithTheNameOnlyToThoseWhoMayReadIt() {
        Told stop = told("system:twilio-inbound", null, "texts.opted-out", "patient", PATIENT.toString(), Map.of());
        Told start = told("system:twilio-inbound", null, "texts.opted-in", "patient", PATIENT.toString(), Map.of());

        assertThat(sentence(stop, ALL)).isEqualTo("Patient M. Wilson replied STOP: no more texts");
        assertThat(sentence(stop, NEITHER)).isEqualTo("A patient replied STOP: no more texts");
        assertThat(sentence(start, ALL)).isEqualTo("Patient M. Wilson replied START: texts again");
    }

    @Test
    void accessChangesSayWhoChangedWhat() {
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "permissions.changed", "role", "PHARMACIST", Map.of()), ALL))
                .isEqualTo("Permissions of pharmacists updated by Jane (admin)");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "user.access-changed", "user", "technician",
                Map.of("change", "DISABLED")), ALL)).isEqualTo("Jane (admin) changed the access of technician (disabled)");
        assertThat(sentence(told("pharmacist", "PHARMACIST", "elevated-access.granted", "elevated-access-grant", "g",
                Map.of()), ALL)).isEqualTo("Dana (pharmacist) was granted emergency access to Northside Family Clinic");
        assertThat(sentence(told("pharmacist", "PHARMACIST", "elevated-access.used", "elevated-access-grant", "g",
                Map.of()), ALL)).isEqualTo("Dana (pharmacist) used emergency access to Northside Family Clinic");
        assertThat(sentence(told("system:security", null, "account.locked", "user", "technician", Map.of()), ALL))
                .isEqualTo("The account technician was locked after failed sign-ins");
    }

    @Test
    void ruleChangesNameTheTableAndVersion() {
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "decision.published", "decision",
                "Decision_OrderEligibility", Map.of("version", 3, "previousVersion", 2)), ALL))
                .isEqualTo("Jane (admin) published the order eligibility rules (version 3)");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "decision.rolled-back", "decision",
                "Decision_PaymentRouting", Map.of("version", 4, "restoredVersion", 2)), ALL))
                .isEqualTo("Jane (admin) rolled the payment routing rules back to version 2");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "clinic-settings.changed", "clinic", CLINIC.toString(),
                Map.of()), ALL)).isEqualTo("Jane (admin) changed the settings of Northside Family Clinic");
    }

    @Test
    void exportsSayHowMuchLeft() {
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "patients.exported", "patient-export", null,
                Map.of("patients", 1)), ALL)).isEqualTo("Jane (admin) exported 1 patient record");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "audit.exported", "audit-export", null,
                Map.of("records", 250)), ALL)).isEqualTo("Jane (admin) exported 250 audit records");
        assertThat(sentence(told("system:pdmp-reporting", null, "pdmp.submitted", "pdmp-submission", "s",
                Map.of("state", "NY", "dispenses", 2, "zeroReport", false)), ALL))
                .isEqualTo("Pestle reported 2 controlled dispenses to the NY PDMP");
        assertThat(sentence(told("system:pdmp-reporting", null, "pdmp.submitted", "pdmp-submission", "s",
                Map.of("state", "NY", "dispenses", 0, "zeroReport", true)), ALL))
                .isEqualTo("Pestle sent a zero report to the NY PDMP");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "pdmp.file-downloaded", "pdmp-submission", "s",
                Map.of("controlNumber", "PDMPNY20261203-1a2b3c4d", "dispenses", 2)), ALL))
                .isEqualTo("Jane (admin) downloaded PDMP file PDMPNY20261203-1a2b3c4d");
    }

    @Test
    void anUnknownUserIsShownAsRecordedAndAnOrderWithoutNumberAsAnOrder() {
        assertThat(sentence(told("gone.user", "PHARMACIST", "order.approved", "order", "o", Map.of()), ALL))
                .isEqualTo("gone.user approved an order");
    }

    @Test
    void readsAndSignInsAreNotTold() {
        assertThat(ActivitySentences.sentence(told("pharmacist", "PHARMACIST", "patient.viewed", "patient", "p",
                Map.of()), ALL)).isEmpty();
        assertThat(ActivitySentences.sentence(told("pharmacist", "PHARMACIST", "login.succeeded", "user",
                "pharmacist", Map.of()), ALL)).isEmpty();
    }

    @Test
    void theFulfillmentStepsSayWhoDidThemAndWhichOrder() {
        assertThat(sentence(told("technician", "PHARMACY_TECHNICIAN", "compounding.recorded", "compounding-record", "c",
                Map.of("orderNumber", 12, "lineNumber", 1, "lots", java.util.List.of(Map.of(), Map.of()))), ALL))
                .isEqualTo("technician compounded line 1 of order #12 from 2 lots");
        assertThat(sentence(told("pharmacist", "PHARMACIST", "final-check.passed", "order", "o",
                Map.of("orderNumber", 12)), ALL)).isEqualTo("Dana (pharmacist) checked and released order #12");
        assertThat(sentence(told("pharmacist", "PHARMACIST", "final-check.sent-back", "order", "o",
                Map.of("orderNumber", 12, "reason", "WRONG_QUANTITY")), ALL))
                .isEqualTo("Dana (pharmacist) sent order #12 back to compounding (wrong quantity)");
        assertThat(sentence(told("system:job-executor", null, "order.ready-for-pickup", "order", "o",
                Map.of("orderNumber", 12)), NEITHER)).isEqualTo("Order #12 is ready for pickup");
        assertThat(sentence(told("pharmacist", "PHARMACIST", "pickup.recorded", "order", "o",
                Map.of("orderNumber", 12, "idChecked", true)), ALL))
                .isEqualTo("Dana (pharmacist) handed over order #12 after an ID check");
    }

    @Test
    void shippingDeliveryAndReturnToStockSayWhoDidThemAndWhichOrder() {
        assertThat(sentence(told("technician", "PHARMACY_TECHNICIAN", "shipment.recorded", "order", "o",
                Map.of("orderNumber", 12, "carrier", "UPS", "trackingNumber", "1Z999AA10123456784")), ALL))
                .isEqualTo("technician shipped order #12 with UPS");
        assertThat(sentence(told("technician", "PHARMACY_TECHNICIAN", "delivery.recorded", "order", "o",
                Map.of("orderNumber", 12)), ALL)).isEqualTo("technician recorded the delivery of order #12");
        assertThat(sentence(told("pharmacist", "PHARMACIST", "preparations.destroyed", "order", "o",
                Map.of("orderNumber", 12, "reason", "UNCLAIMED")), ALL))
                .isEqualTo("Dana (pharmacist) destroyed the preparation of order #12 (unclaimed)");
        assertThat(sentence(told("pharmacist", "PHARMACIST", "order.returned-to-stock", "order", "o",
                Map.of("orderNumber", 12, "reason", "UNCLAIMED")), ALL))
                .isEqualTo("Dana (pharmacist) returned order #12 to stock (unclaimed)");
    }

    @Test
    void inventoryControlIsToldWithoutNotesAndSaysWhetherTheCountMatched() {
        assertThat(sentence(told("pharmacist", "PHARMACIST", "controlled.reconciled", "reconciliation", "r",
                Map.of("ndc", "91001011401", "variance", false)), ALL))
                .isEqualTo("Dana (pharmacist) reconciled 91001011401: the count matches the ledger");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "controlled.reconciled", "reconciliation", "r",
                Map.of("ndc", "91001011401", "variance", true)), ALL))
                .endsWith("reconciled 91001011401: the count differs from the ledger");
        assertThat(sentence(told("pharmacist", "PHARMACIST", "controlled.variance-investigated", "reconciliation",
                "r", Map.of("outcome", "COUNTING_ERROR")), ALL))
                .isEqualTo("Dana (pharmacist) closed a controlled-substance investigation (counting error)");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "purchase-order.received", "purchase-order", "p",
                Map.of("wholesaler", "Demo Wholesale Drug Co.", "discrepancy", true)), ALL))
                .endsWith("received a purchase order from Demo Wholesale Drug Co. (short or over shipped)");
        assertThat(sentence(told("system:expiry-watch", null, "lot.quarantined", "lot", "l",
                Map.of("reason", "EXPIRED")), ALL)).isEqualTo("Pestle quarantined a lot (expired)");
        assertThat(sentence(told("admin", "PHARMACY_ADMIN", "return.shipped", "return", "x", Map.of()), ALL))
                .endsWith("shipped a return to the wholesaler");
    }
}
