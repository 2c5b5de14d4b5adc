package org.pestle.ordering;

import java.util.UUID;

/**
 * The order ended without being filled: ineligible, or rejected by a pharmacist.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 * @param reason why, as a rule's reason or a rejection reason code
 */
public record OrderRejected(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, String reason) {
}
