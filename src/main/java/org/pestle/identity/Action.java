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
    /** Hand a ready order to a carrier (carrier and tracking number) and record its delivery. */
    RECORD_SHIPMENT,
    /** Return an unclaimed order to stock: its preparation destroyed, its payment refunded. */
    RETURN_TO_STOCK,
    /** Preview, confirm and work a drug recall: its lots, the patients' contact, the stock's removal. */
    MANAGE_RECALLS,
    /** See recalls (a clinic user: only those touching their clinics' patients). */
    VIEW_RECALLS,
    /** See the PDMP submissions and the pending and failing records (identifiers and codes only). */
    VIEW_PDMP,
    /** Download a PDMP file (it holds patient data; every download is audited). */
    DOWNLOAD_PDMP_FILE,
    /** Correct or void a controlled dispense's PDMP record (the pharmacist's PDMP tasks). */
    CORRECT_PDMP,
    /** Set par levels, create purchase orders from the reorder list, return stock to the wholesaler. */
    ORDER_STOCK,
    /** Count controlled substances: reconciliations against the ledger and the biennial inventory. */
    COUNT_CONTROLLED
}
