package org.pestle.messaging;

import java.util.UUID;

/**
 * A patient opted out of texts (STOP, or another revocation word) or back in (START), by a text to the pharmacy's
 * number. Published in the transaction that records the consent, once per patient who had texts from that number.
 *
 * @param patientId the patient
 * @param organizationId the organization of the clinic the patient's texts were sent for
 * @param clinicId that clinic
 * @param optedOut true after STOP, false after START
 * @param source how the patient said it: {@code SMS_STOP} or {@code SMS_START}
 */
public record TextConsentChanged(UUID patientId, UUID organizationId, UUID clinicId, boolean optedOut,
        String source) {
}
