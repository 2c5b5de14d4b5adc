package org.pestle.tenancy;

/** When the pharmacy charges the clinic instead of the patient. */
public enum ClinicPayAutomation {
    /** Never: patients pay (or the order waits for billing staff). */
    NEVER,
    /** When the payment-routing rules say so. */
    WHEN_APPLICABLE,
    /** Always: every order is charged to the clinic. */
    ALWAYS
}
