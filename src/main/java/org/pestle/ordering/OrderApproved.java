package org.pestle.ordering;

import java.util.UUID;

/**
 * A pharmacist approved the order; it now waits for payment.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 */
public record OrderApproved(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId) {
}
