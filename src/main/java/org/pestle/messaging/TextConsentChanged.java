package org.pestle.messaging;

import java.util.UUID;

/**
 * A patient opted out of texts (STOP) or back in (START).
 *
 * @param patientId the patient
 * @param optedOut true after STOP, false after START
 */
public record TextConsentChanged(UUID patientId, boolean optedOut) {
}
