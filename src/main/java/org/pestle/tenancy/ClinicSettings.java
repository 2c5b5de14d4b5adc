package org.pestle.tenancy;

/**
 * A clinic's settings that the decision tables take as inputs.
 *
 * @param approvedCompoundsOnly providers can order: approved compounds only (else any catalog item)
 * @param patientSelfPayEnabled patients may pay for their orders themselves
 * @param clinicPayAutomation when the clinic is charged
 * @param refillReminderLeadDays days before a supply runs out that patients are reminded, 0 to 30
 */
public record ClinicSettings(boolean approvedCompoundsOnly, boolean patientSelfPayEnabled,
        ClinicPayAutomation clinicPayAutomation, int refillReminderLeadDays) {

    public static final int MAX_LEAD_DAYS = 30;

    /** The settings of a clinic. */
    public static ClinicSettings of(Clinic clinic) {
        return new ClinicSettings(clinic.approvedCompoundsOnly(), clinic.patientSelfPayEnabled(),
                clinic.clinicPayAutomation(), clinic.refillReminderLeadDays());
    }
}
