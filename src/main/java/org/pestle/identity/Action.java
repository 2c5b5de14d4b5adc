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
    MANAGE_USERS
}
