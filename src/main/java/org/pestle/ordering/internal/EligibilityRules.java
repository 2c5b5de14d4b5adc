package org.pestle.ordering.internal;

import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.pestle.ordering.EligibilityOutcome;
import org.pestle.rules.DecisionTables;
import org.springframework.stereotype.Component;

/**
 * Adapter to decisions/order-eligibility.dmn (latest deployed version, so an admin's change applies
 * to the next order).
 */
@Component
class EligibilityRules {

    static final String DECISION_KEY = "Decision_OrderEligibility";

    private final DecisionTables decisions;

    EligibilityRules(DecisionTables decisions) {
        this.decisions = decisions;
    }

    /** Evaluates one order line. Every input is given: a missing one would fall through to the last rule. */
    Outcome evaluate(Inputs inputs) {
        DmnDecisionResultEntries result = decisions.evaluateSingle(DECISION_KEY, inputs.asVariables());
        return new Outcome(EligibilityOutcome.of(result.getEntry("outcome")), result.getEntry("reason"));
    }

    /** The inputs of the decision for one order line. */
    record Inputs(boolean approvedCompoundsOnly, boolean compoundApprovedForClinic, int controlledSchedule,
            boolean prescriberHasDea, BigDecimal quantity, int daysSupply, int refillsAuthorized) {

        Map<String, Object> asVariables() {
            return Map.of("approvedCompoundsOnly", approvedCompoundsOnly,
                    "compoundApprovedForClinic", compoundApprovedForClinic,
                    "controlledSchedule", controlledSchedule,
                    "prescriberHasDea", prescriberHasDea,
                    "quantity", quantity.doubleValue(),
                    "daysSupply", daysSupply,
                    "refillsAuthorized", refillsAuthorized);
        }
    }

    /** The decision's answer: accept, review or reject, and why. */
    record Outcome(EligibilityOutcome outcome, String reason) {
    }
}
