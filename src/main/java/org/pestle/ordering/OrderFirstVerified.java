package org.pestle.ordering;

import java.util.UUID;

/**
 * The first of two pharmacists approved an order whose verification level asks for a second
 * (decisions/verification-level.dmn); it stays IN_REVIEW until the second pharmacist's {@link OrderApproved}.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic
 * @param patientId the patient the order is for
 */
public record OrderFirstVerified(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId) {
}
