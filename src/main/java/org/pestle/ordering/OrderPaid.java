package org.pestle.ordering;

import java.util.UUID;

/**
 * The order's payment settled (captured, or billed to the clinic's invoice); the order moves on.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param clinicId the ordering clinic
 */
public record OrderPaid(UUID orderId, long orderNumber, UUID clinicId) {
}
