package org.pestle.ordering;

/**
 * Where an order stands. The order itself ({@code PharmacyOrder}) moves it, when the order-fulfillment process
 * or a user's cancellation calls it, along the moves {@link #canMoveTo} allows.
 */
public enum OrderStatus {
    /** Received; eligibility is being checked. */
    SUBMITTED,
    /** Waiting for a pharmacist's verification. */
    IN_REVIEW,
    /** The pharmacist asked the prescriber a question; waiting for the answer. */
    CLARIFICATION_REQUESTED,
    /** Ended: ineligible under the clinic's rules, or rejected by a pharmacist ({@code statusReason} says which). */
    REJECTED,
    /** Approved by a pharmacist; the payment process runs (pay link, clinic card or invoice). */
    AWAITING_PAYMENT,
    /** Payment settled: captured by Stripe or billed to the clinic's monthly invoice; waiting in the compounding queue. */
    PAID,
    /** A technician or pharmacist is compounding it (claimed the compounding task, or it was sent back). */
    COMPOUNDING,
    /** Compounded, with its lots recorded; waiting for a pharmacist's final check (never the compounder's). */
    FINAL_CHECK,
    /** Checked and released; waiting to be picked up (the patient was texted). */
    READY,
    /** Handed over at the pharmacy; who picked it up is in the dispense records. */
    PICKED_UP,
    /** Handed to a carrier instead of being picked up; carrier and tracking number are in the dispense records. */
    SHIPPED,
    /** The shipment reached the patient: dispensed, like a picked-up order. */
    DELIVERED,
    /**
     * Ended unclaimed: not picked up by the clinic's return-to-stock day, its preparations destroyed (never
     * returned to stock) and its payment refunded ({@code statusReason} has the coded reason).
     */
    RETURNED,
    /** Ended by a cancellation ({@code statusReason} has the coded reason); a paid order is refunded. */
    CANCELLED;

    /** Whether an order may move from this status to the next. */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case SUBMITTED -> next == IN_REVIEW || next == REJECTED || next == CANCELLED;
            case IN_REVIEW -> next == CLARIFICATION_REQUESTED || next == REJECTED || next == AWAITING_PAYMENT
                    || next == CANCELLED;
            case CLARIFICATION_REQUESTED -> next == IN_REVIEW || next == CANCELLED;
            case AWAITING_PAYMENT -> next == PAID || next == CANCELLED;
            case PAID -> next == COMPOUNDING || next == CANCELLED;
            case COMPOUNDING -> next == FINAL_CHECK || next == CANCELLED;
            case FINAL_CHECK -> next == READY || next == COMPOUNDING || next == CANCELLED;
            case READY -> next == PICKED_UP || next == SHIPPED || next == RETURNED || next == CANCELLED;
            case SHIPPED -> next == DELIVERED;
            // returns of a handed-over order (a patient's return, a lost shipment) are not built
            case PICKED_UP, DELIVERED, RETURNED, REJECTED, CANCELLED -> false;
        };
    }

    /** Whether the order has ended (nothing more happens to it). */
    public boolean ended() {
        return this == REJECTED || this == CANCELLED || this == RETURNED;
    }
}
