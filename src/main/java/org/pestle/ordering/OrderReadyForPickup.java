package org.pestle.ordering;

import java.util.UUID;

/**
 * The order passed its final check and waits to be picked up.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 */
public record OrderReadyForPickup(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId) {
}
