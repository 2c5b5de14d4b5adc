package org.pestle.tenancy;

import java.util.UUID;

/**
 * A clinic (site) of a client organization, with the settings the decision tables take as inputs.
 * Its code is also its Camunda tenant id.
 *
 * @param id clinic id
 * @param organizationId the clinic group it belongs to
 * @param code short stable code, e.g. {@code northside}
 * @param name display name
 * @param approvedCompoundsOnly providers can order: approved compounds only (else any catalog item)
 * @param patientSelfPayEnabled patients may pay for their orders themselves
 * @param clinicPayAutomation when the clinic is charged
 * @param refillReminderLeadDays how many days before a supply runs out patients are reminded
 * @param returnToStockDays how many days after it is ready an order not picked up is returned to stock
 */
public record Clinic(UUID id, UUID organizationId, String code, String name, boolean approvedCompoundsOnly,
        boolean patientSelfPayEnabled, ClinicPayAutomation clinicPayAutomation, int refillReminderLeadDays,
        int returnToStockDays) {
}
