package org.pestle.payments;

import java.util.UUID;

/**
 * Stripe captured an order's payment (the patient's pay link or the clinic's card).
 *
 * @param paymentId the payment
 * @param orderId its order
 * @param orderNumber its order's number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 * @param amountCents the amount, in cents (USD)
 * @param route SELF_PAY or CLINIC_CARD
 */
public record PaymentCaptured(UUID paymentId, UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, long amountCents, String route) {
}
