package org.pestle.ordering;

import java.util.UUID;

/**
 * An order was cancelled, by a user or by the payment process (the pay link expired, billing staff
 * cancelled a declined charge). Published in the cancelling transaction.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param clinicId the ordering clinic
 * @param reason the coded reason ({@link CancellationReason})
 * @param previousStatus where the order stood before; {@link OrderStatus#PAID} means a refund is due
 */
public record OrderCancelled(UUID orderId, long orderNumber, UUID clinicId, CancellationReason reason,
        OrderStatus previousStatus) {
}
