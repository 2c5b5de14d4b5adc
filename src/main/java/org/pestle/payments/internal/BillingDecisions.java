package org.pestle.payments.internal;

import java.util.UUID;

import org.camunda.bpm.engine.BadUserRequestException;
import org.pestle.payments.internal.Payment.Status;
import org.pestle.payments.internal.PaymentRoutingRules.Route;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applies billing staff's decision on a payment the card could not settle. */
@Service
public class BillingDecisions {

    /** What billing staff may decide (the choices of forms/resolve-payment.form). */
    public enum BillingDecision { RETRY_CARD, SWITCH_TO_INVOICE, CANCEL_ORDER }

    private final PaymentLedger ledger;

    BillingDecisions(PaymentLedger ledger) {
        this.ledger = ledger;
    }

    /** @return the cancellation reason when the order is to be cancelled, else null */
    @Transactional
    public String apply(UUID paymentId, BillingDecision decision) {
        Payment payment = ledger.lock(paymentId);
        switch (decision) {
            case RETRY_CARD -> {
                if (ledger.cardOnFile(payment.clinicId()).isEmpty()) {
                    throw new BadUserRequestException("The clinic has no card on file: invoice or cancel");
                }
                ledger.nextAttempt(paymentId);
                ledger.setStatus(paymentId, Status.OPEN, null);
                return null;
            }
            case SWITCH_TO_INVOICE -> {
                ledger.setRoute(paymentId, Route.CLINIC_INVOICE, "Billing staff chose the clinic's invoice");
                ledger.setStatus(paymentId, Status.OPEN, null);
                return null;
            }
            default -> {
                return payment.route() == Route.BILLING_REVIEW ? "NO_PAYMENT_ROUTE" : "PAYMENT_DECLINED";
            }
        }
    }
}
