package org.pestle.messaging;

import java.util.UUID;

/**
 * A text to queue for a patient. The number is looked up when it is sent, never passed around.
 *
 * @param organizationId the patient's organization
 * @param clinicId the patient's clinic
 * @param patientId the recipient
 * @param purpose a code, e.g. {@code PAY_LINK}
 * @param body the text: the pharmacy's name and a link, no patient data
 * @param dedupeKey unique per intended message, e.g. {@code pay-link:<payment id>:1}
 */
public record OutboundText(UUID organizationId, UUID clinicId, UUID patientId, String purpose, String body,
        String dedupeKey) {

    public OutboundText {
        if (body.length() > 640) {
            throw new IllegalArgumentException("A text is at most 640 characters");
        }
    }
}
