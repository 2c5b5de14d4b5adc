package org.pestle.recall;

import java.util.UUID;

/**
 * A patient concerned by a recall was sent the recall text (no drug name: a request to call the pharmacy), or was
 * not because they opted out of texts.
 *
 * @param recallId the recall
 * @param recallNumber FDA's recall number
 * @param organizationId the patient's organization
 * @param clinicId the patient's clinic
 * @param patientId the patient
 * @param textQueued whether a text was queued (false: the patient opted out)
 * @param textMessageId the queued text, or null
 */
public record RecallPatientNotified(UUID recallId, String recallNumber, UUID organizationId, UUID clinicId,
        UUID patientId, boolean textQueued, UUID textMessageId) {
}
