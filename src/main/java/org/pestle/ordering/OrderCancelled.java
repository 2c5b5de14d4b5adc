package org.pestle.ordering;

import java.util.UUID;

/**
 * An order was cancelled, by a user or by the payment process (the pay link expired, billing staff
 * cancelled a declined charge). Published in the cancelling transaction.
 *
 * @param orderId the order
 * @param orderNumber its number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 * @param reason the coded reason ({@link CancellationReason})
 * @param previousStatus where the order stood before; {@link OrderStatus#PAID} means a refund is due
 */
public record OrderCancelled(UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, CancellationReason reason, OrderStatus previousStatus) {
}
