package org.pestle.ordering;

import java.util.UUID;

/**
 * An order was submitted (not published again when an Idempotency-Key replays it).
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 * @param prescriberId the prescriber the order is written under
 * @param submittedBy username of the submitter
 * @param onBehalfOf username of the prescriber when someone else submitted for them, else null
 * @param lines how many lines the order has
 */
public record OrderCreated(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId,
        UUID prescriberId, String submittedBy, String onBehalfOf, int lines) {
}
