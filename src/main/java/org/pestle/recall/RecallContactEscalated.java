package org.pestle.recall;

import java.util.UUID;

/**
 * A patient's recall contact was not confirmed in the time decisions/recall-response.dmn gives: it is escalated.
 *
 * @param recallId the recall
 * @param recallNumber FDA's recall number
 * @param organizationId the patient's organization
 * @param clinicId the patient's clinic
 * @param patientId the patient
 */
public record RecallContactEscalated(UUID recallId, String recallNumber, UUID organizationId, UUID clinicId,
        UUID patientId) {
}
