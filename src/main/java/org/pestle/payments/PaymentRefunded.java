package org.pestle.payments;

import java.util.UUID;

/**
 * Stripe refunded a cancelled order's payment.
 *
 * @param paymentId the payment
 * @param orderId its order
 * @param orderNumber its order's number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 * @param amountCents the amount refunded, in cents (USD)
 * @param stripeRefundId Stripe's refund id
 */
public record PaymentRefunded(UUID paymentId, UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, long amountCents, String stripeRefundId) {
}
