package org.pestle.recall;

import java.util.UUID;

/**
 * The prescriber of a patient concerned by a recall was told: the recall shows among their recalls.
 *
 * @param recallId the recall
 * @param recallNumber FDA's recall number
 * @param organizationId the patient's organization
 * @param clinicId the patient's clinic
 * @param patientId the patient
 * @param prescriberId the prescriber, or null when the orders name none
 */
public record RecallPrescriberNotified(UUID recallId, String recallNumber, UUID organizationId, UUID clinicId,
        UUID patientId, UUID prescriberId) {
}
