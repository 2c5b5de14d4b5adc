package org.pestle.ordering;

/** Where an order stands. The order-fulfillment process moves it; nothing else does. */
public enum OrderStatus {
    /** Received; eligibility is being checked. */
    SUBMITTED,
    /** Waiting for a pharmacist's verification. */
    IN_REVIEW,
    /** The pharmacist asked the prescriber a question; waiting for the answer. */
    CLARIFICATION_REQUESTED,
    /** Ended: ineligible under the clinic's rules, or rejected by a pharmacist ({@code statusReason} says which). */
    REJECTED,
    /** Approved by a pharmacist; waiting for payment. */
    AWAITING_PAYMENT;

    /** Whether the process may move an order from this status to the next. */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case SUBMITTED -> next == IN_REVIEW || next == REJECTED;
            case IN_REVIEW -> next == CLARIFICATION_REQUESTED || next == REJECTED || next == AWAITING_PAYMENT;
            case CLARIFICATION_REQUESTED -> next == IN_REVIEW;
            case REJECTED, AWAITING_PAYMENT -> false;
        };
    }
}
