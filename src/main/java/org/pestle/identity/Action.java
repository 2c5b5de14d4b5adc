package org.pestle.identity;

/** Actions whose permission the permission matrix sets per role. */
public enum Action {
    /** Submit an order for a patient. */
    ORDER,
    /** Verify (approve or reject) a prescription. */
    APPROVE,
    CANCEL_ORDER,
    REFUND,
    /** Read patient records. */
    VIEW_PATIENTS,
    /** Create and change patient records. */
    EDIT_PATIENTS,
    /** Change decision tables and clinic settings. */
    EDIT_RULES,
    VIEW_AUDIT,
    /** Export data (patients, audit records) as files. */
    EXPORT,
    MANAGE_USERS,
    /** See the pharmacy's stock: items, lots, quantities, the ledger. */
    VIEW_STOCK,
    /** Add inventory items and receive deliveries into lots. */
    RECEIVE_STOCK,
    /** Correct a lot's quantity, quarantine a lot, take stock out for destruction. */
    ADJUST_STOCK,
    /** Compound an order's preparations (the compounding task): take lots and record them. */
    COMPOUND,
    /** Check a compounded preparation before it is released (never one's own compounding). */
    FINAL_CHECK,
    /** Record who picked up a ready order (and the ID check of a controlled substance). */
    RECORD_PICKUP,
    /** Set par levels, create purchase orders from the reorder list, return stock to the wholesaler. */
    ORDER_STOCK,
    /** Count controlled substances: reconciliations against the ledger and the biennial inventory. */
    COUNT_CONTROLLED
}
