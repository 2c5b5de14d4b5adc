package org.pestle.payments.internal;

import java.time.Instant;
import java.util.UUID;

import org.pestle.payments.internal.PaymentRoutingRules.Route;

/** A row of {@code payment}: identifiers, amounts, Stripe's ids and what Stripe reports; never a card number. */
public record Payment(UUID id, UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId,
        String processInstanceId, Route route, String routeReason, long amountCents, Status status, int attempt,
        String checkoutSessionId, String checkoutUrl, Instant checkoutExpiresAt, String paymentIntentId,
        String cardBrand, String cardLast4, String failureCode, String refundId) {

    public enum Status { OPEN, CAPTURED, INVOICED, DECLINED, EXPIRED, CANCELLED, REFUND_PENDING, REFUNDED }

    /** Stripe's idempotency key for this payment's current attempt of {@code operation}. */
    String idempotencyKey(String operation) {
        return "pestle-payment-" + id + "-" + operation + "-" + attempt;
    }
}
