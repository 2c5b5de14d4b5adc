package org.pestle.payments;

import java.util.UUID;

/**
 * Stripe refunded a cancelled order's payment.
 *
 * @param paymentId the payment
 * @param orderId its order
 * @param clinicId the ordering clinic
 * @param amountCents the amount refunded, in cents (USD)
 * @param stripeRefundId Stripe's refund id
 */
public record PaymentRefunded(UUID paymentId, UUID orderId, UUID clinicId, long amountCents, String stripeRefundId) {
}
