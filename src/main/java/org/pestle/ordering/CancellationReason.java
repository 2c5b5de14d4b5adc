package org.pestle.ordering;

/** Why an order was cancelled: codes only, never free text. */
public enum CancellationReason {
    /** The prescriber withdrew the order. */
    PRESCRIBER_REQUEST,
    /** The patient no longer wants it. */
    PATIENT_REQUEST,
    /** The same order was submitted twice. */
    DUPLICATE_ORDER,
    /** The pharmacy cannot fill it. */
    PHARMACY_CANNOT_FILL,
    /** The patient did not pay before the pay link expired. */
    PAYMENT_EXPIRED,
    /** The clinic's card was declined and billing staff cancelled the order. */
    PAYMENT_DECLINED,
    /** Billing staff found no way to charge the order. */
    NO_PAYMENT_ROUTE,
    /** Another reason. */
    OTHER;

    /** Whether a user may choose this reason (the others are set by the payment process). */
    public boolean userSelectable() {
        return this != PAYMENT_EXPIRED && this != PAYMENT_DECLINED && this != NO_PAYMENT_ROUTE;
    }
}
