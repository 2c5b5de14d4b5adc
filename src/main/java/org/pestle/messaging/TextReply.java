package org.pestle.messaging;

import java.util.UUID;

/**
 * A patient's answer, by text, to the last text Pestle sent to that number: matched by the number (its keyed hash)
 * to that message, and so to its patient and clinic. Carries no text beyond the keyword.
 *
 * @param messageId the text that was answered
 * @param purpose its purpose code, e.g. {@code REFILL_REMINDER}
 * @param dedupeKey its dedupe key (names what the text was about, e.g. {@code REFILL_REMINDER:<refill id>:1})
 * @param patientId the patient it was sent to
 * @param organizationId that patient's organization
 * @param clinicId the clinic it was sent for
 * @param word the answer, reduced to letters and upper-cased ({@code YES}, {@code Y}, ...)
 * @param inboundSid Twilio's id of the inbound message (processed once)
 */
public record TextReply(UUID messageId, String purpose, String dedupeKey, UUID patientId, UUID organizationId,
        UUID clinicId, String word, String inboundSid) {
}
