package org.pestle.ordering;

import java.util.UUID;

/**
 * The order's payment settled (captured, or billed to the clinic's invoice); the order moves on.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 */
public record OrderPaid(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId) {
}
