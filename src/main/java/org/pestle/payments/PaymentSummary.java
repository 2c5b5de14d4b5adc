package org.pestle.payments;

import java.util.UUID;

/**
 * An order's payment as the API and console show it: Stripe reports only (never a card number).
 *
 * @param id the payment
 * @param orderId its order
 * @param route SELF_PAY, CLINIC_CARD, CLINIC_INVOICE or BILLING_REVIEW
 * @param routeReason why the payment-routing decision chose the route
 * @param status OPEN, CAPTURED, INVOICED, DECLINED, EXPIRED, CANCELLED, REFUND_PENDING or REFUNDED
 * @param amountCents the amount; null where the permission matrix hides prices from the viewer
 * @param currency "usd"; null with the amount
 * @param cardBrand the card's brand as Stripe reports it; null where payment details are hidden
 * @param cardLast4 the card's last four digits as Stripe reports them; null where payment details are hidden
 * @param failureCode Stripe's decline code or Pestle's reason code, if any
 */
public record PaymentSummary(UUID id, UUID orderId, String route, String routeReason, String status,
        Long amountCents, String currency, String cardBrand, String cardLast4, String failureCode) {
}
