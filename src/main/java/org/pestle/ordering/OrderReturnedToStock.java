package org.pestle.ordering;

import java.util.UUID;

/**
 * The ready order was never picked up: at the clinic's return-to-stock day a pharmacist had its preparations
 * destroyed (never returned to stock) and the order ended RETURNED. Published in that transaction; a captured
 * payment is refunded on it.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 * @param reason the coded reason, e.g. {@code UNCLAIMED}
 */
public record OrderReturnedToStock(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, String reason) {
}
