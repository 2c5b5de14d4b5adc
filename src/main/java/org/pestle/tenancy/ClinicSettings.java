package org.pestle.tenancy;

/**
 * A clinic's settings that the decision tables take as inputs.
 *
 * @param approvedCompoundsOnly providers can order: approved compounds only (else any catalog item)
 * @param patientSelfPayEnabled patients may pay for their orders themselves
 * @param clinicPayAutomation when the clinic is charged
 * @param refillReminderLeadDays days before a supply runs out that patients are reminded, 0 to 30
 * @param returnToStockDays days after an order is ready that it is returned to stock if not picked up, 1 to 60
 *        (default 14); a settings change recorded before this setting existed reads as 0 (not recorded)
 */
public record ClinicSettings(boolean approvedCompoundsOnly, boolean patientSelfPayEnabled,
        ClinicPayAutomation clinicPayAutomation, int refillReminderLeadDays, int returnToStockDays) {

    public static final int MAX_LEAD_DAYS = 30;
    public static final int DEFAULT_RETURN_TO_STOCK_DAYS = 14;
    public static final int MAX_RETURN_TO_STOCK_DAYS = 60;

    /** The settings of a clinic. */
    public static ClinicSettings of(Clinic clinic) {
        return new ClinicSettings(clinic.approvedCompoundsOnly(), clinic.patientSelfPayEnabled(),
                clinic.clinicPayAutomation(), clinic.refillReminderLeadDays(), clinic.returnToStockDays());
    }
}
