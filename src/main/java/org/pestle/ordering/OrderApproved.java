package org.pestle.ordering;

import java.util.UUID;

/**
 * A pharmacist approved the order; it now waits for payment.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param clinicId the ordering clinic
 */
public record OrderApproved(UUID orderId, long orderNumber, UUID clinicId) {
}
