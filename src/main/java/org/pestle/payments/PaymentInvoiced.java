package org.pestle.payments;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An order went onto its clinic's monthly invoice.
 *
 * @param paymentId the payment
 * @param orderId its order
 * @param orderNumber its order's number
 * @param organizationId the clinic's organization
 * @param clinicId the clinic billed
 * @param patientId the patient the order is for
 * @param billingMonth first day of the invoice's month
 * @param amountCents the amount, in cents (USD)
 */
public record PaymentInvoiced(UUID paymentId, UUID orderId, long orderNumber, UUID organizationId, UUID clinicId,
        UUID patientId, LocalDate billingMonth, long amountCents) {
}
