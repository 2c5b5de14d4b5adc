package org.pestle.patients;

import java.util.UUID;

/**
 * A patient record was created. Identifiers only.
 *
 * @param actor username of the creator
 * @param patientId the new patient
 * @param clinicId the patient's clinic
 */
public record PatientCreated(String actor, UUID patientId, UUID clinicId) {
}
