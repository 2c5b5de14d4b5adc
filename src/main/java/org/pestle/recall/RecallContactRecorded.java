package org.pestle.recall;

import java.util.UUID;

/**
 * A pharmacist recorded whether a patient concerned by a recall was reached, with a coded outcome.
 *
 * @param recallId the recall
 * @param recallNumber FDA's recall number
 * @param organizationId the patient's organization
 * @param clinicId the patient's clinic
 * @param patientId the patient
 * @param outcome the {@link ContactOutcome}
 * @param escalated whether the contact was overdue and escalated first
 * @param recordedBy username
 */
public record RecallContactRecorded(UUID recallId, String recallNumber, UUID organizationId, UUID clinicId,
        UUID patientId, ContactOutcome outcome, boolean escalated, String recordedBy) {
}
