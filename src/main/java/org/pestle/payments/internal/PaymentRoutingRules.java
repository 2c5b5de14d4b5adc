package org.pestle.payments.internal;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.pestle.rules.DecisionTables;
import org.springframework.stereotype.Component;

/** Adapter to decisions/payment-routing.dmn (latest deployed version). */
@Component
public class PaymentRoutingRules {

    static final String DECISION_KEY = "Decision_PaymentRouting";

    private final DecisionTables decisions;

    PaymentRoutingRules(DecisionTables decisions) {
        this.decisions = decisions;
    }

    Outcome evaluate(Inputs inputs) {
        DmnDecisionResultEntries result = decisions.evaluateSingle(DECISION_KEY, inputs.asVariables());
        Number reminder = (Number) result.getEntryMap().get("reminderAfterHours");
        Number expire = (Number) result.getEntryMap().get("expireAfterDays");
        return new Outcome(Route.valueOf(result.getEntry("route")), result.getEntry("reason"),
                reminder == null ? 0 : reminder.intValue(), expire == null ? 0 : expire.intValue());
    }

    /** The decision's inputs: the clinic's settings, its card on file, the order total, the patient's flags. */
    record Inputs(boolean patientSelfPayEnabled, String clinicPayAutomation, boolean clinicHasCardOnFile,
            long orderTotalCents, boolean patientHasMobileNumber, boolean patientOptedOutOfTexts) {

        Map<String, Object> asVariables() {
            return Map.of("patientSelfPayEnabled", patientSelfPayEnabled,
                    "clinicPayAutomation", clinicPayAutomation,
                    "clinicHasCardOnFile", clinicHasCardOnFile,
                    "orderTotalCents", orderTotalCents,
                    "patientHasMobileNumber", patientHasMobileNumber,
                    "patientOptedOutOfTexts", patientOptedOutOfTexts);
        }
    }

    /** Where the payment goes and why; for self-pay, when to remind and when the link expires. */
    record Outcome(Route route, String reason, int reminderAfterHours, int expireAfterDays) {
    }

    public enum Route { SELF_PAY, CLINIC_CARD, CLINIC_INVOICE, BILLING_REVIEW }
}
