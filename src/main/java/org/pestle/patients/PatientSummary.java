package org.pestle.patients;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What a pharmacist needs to identify the patient of an order. Shown on pages only; never logged,
 * never put into process variables.
 *
 * @param id patient id
 * @param clinicId the patient's clinic
 * @param displayName full name
 * @param dateOfBirth date of birth
 */
public record PatientSummary(UUID id, UUID clinicId, String displayName, LocalDate dateOfBirth) {

    @Override
    public String toString() {
        return "PatientSummary[" + id + "]";
    }
}
