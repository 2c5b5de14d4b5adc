package org.pestle.payments;

import java.util.UUID;

/**
 * An attempt to collect an order's payment failed: the clinic's card was declined (or there was none
 * on file), or the patient's asynchronous payment failed. The payment process goes on (billing task,
 * retry link).
 *
 * @param paymentId the payment
 * @param orderId its order
 * @param orderNumber its order's number
 * @param organizationId the clinic's organization
 * @param clinicId the ordering clinic
 * @param patientId the patient the order is for
 * @param route CLINIC_CARD or SELF_PAY
 * @param failureCode Stripe's decline code or Pestle's reason code (e.g. NO_CARD_ON_FILE)
 */
public record PaymentFailed(UUID paymentId, UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, String route, String failureCode) {
}
