package org.pestle.ordering;

/** Where one line of an order stands. */
public enum LineStatus {
    /** Not yet checked. */
    PENDING,
    /** Meets the clinic's ordering rules. */
    ELIGIBLE,
    /** Eligible, with a concern for the pharmacist (the line's eligibility reason). */
    FLAGGED,
    /** Breaks a rule; the order cannot proceed. */
    INELIGIBLE,
    /** Approved by a pharmacist with its order. */
    APPROVED,
    /** Not filled: rejected with its order. */
    REJECTED,
    /** Compounded with its lots recorded; waiting for the final check. */
    COMPOUNDED,
    /** Passed the pharmacist's final check; its dispense record is written. */
    CHECKED,
    /** Handed to a carrier; dispensed once delivered. */
    SHIPPED,
    /** Handed over to the patient or their agent, or delivered to them. */
    DISPENSED,
    /** Never handed over: unclaimed, its preparation destroyed. */
    DESTROYED;

    /** The line status that follows an eligibility outcome of the order-eligibility decision. */
    public static LineStatus ofEligibility(EligibilityOutcome outcome) {
        return switch (outcome) {
            case ACCEPT -> ELIGIBLE;
            case REVIEW -> FLAGGED;
            case REJECT -> INELIGIBLE;
        };
    }
}
