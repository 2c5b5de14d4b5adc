package org.pestle.ordering;

import java.util.Arrays;

/**
 * The outcome of the order-eligibility decision for a line, and for an order (its worst line). The codes are the
 * decision table's output values and the BPMN gateway's ({@code ${eligibility == 'reject'}}).
 */
public enum EligibilityOutcome {
    /** Meets the clinic's ordering rules. */
    ACCEPT("accept"),
    /** Eligible, with a concern for the pharmacist. */
    REVIEW("review"),
    /** Breaks a rule; the order cannot proceed. */
    REJECT("reject");

    private final String code;

    EligibilityOutcome(String code) {
        this.code = code;
    }

    /** The decision table's value for this outcome. */
    public String code() {
        return code;
    }

    /** The outcome of a decision table value; an unknown value is a fault of the table. */
    public static EligibilityOutcome of(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown eligibility outcome: " + code));
    }

    /** The worse of two outcomes: reject over review over accept. */
    public EligibilityOutcome worse(EligibilityOutcome other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
