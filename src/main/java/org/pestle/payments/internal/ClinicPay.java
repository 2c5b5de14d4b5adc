package org.pestle.payments.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import org.pestle.payments.PaymentCaptured;
import org.pestle.payments.PaymentFailed;
import org.pestle.payments.PaymentInvoiced;
import org.pestle.payments.internal.Payment.Status;
import org.pestle.payments.internal.PaymentLedger.CardOnFile;
import org.pestle.payments.internal.PaymentRoutingRules.Route;
import org.pestle.platform.DataScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clinic-pay: an off-session PaymentIntent on the clinic's saved card, or a line on the clinic's
 * monthly invoice. The charge's idempotency key comes from payment and attempt: a job retried after
 * the Stripe call but before the commit sends the same key, and Stripe answers with the first
 * PaymentIntent instead of charging again.
 */
@Service
public class ClinicPay {

    private final StripeClient stripe;
    private final PaymentLedger ledger;
    private final JdbcClient jdbc;
    private final PaymentSettings settings;
    private final DataScope dataScope;
    private final ApplicationEventPublisher events;

    ClinicPay(StripeClient stripe, PaymentLedger ledger, JdbcClient jdbc, PaymentSettings settings,
            DataScope dataScope, ApplicationEventPublisher events) {
        this.stripe = stripe;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.settings = settings;
        this.dataScope = dataScope;
        this.events = events;
    }

    /**
     * Task_ChargeClinicCard.
     *
     * @return true when captured; false when the card was declined (recorded with Stripe's code)
     * @throws StripeException anything else (network, Stripe down): the job is retried
     */
    @Transactional
    public boolean chargeCard(UUID paymentId) throws StripeException {
        dataScope.enterSystem("system:payment-process");
        Payment payment = ledger.lock(paymentId);
        if (payment.status() == Status.CAPTURED) {
            return true;
        }
        CardOnFile card = ledger.cardOnFile(payment.clinicId()).orElse(null);
        if (card == null) {
            declined(payment, "NO_CARD_ON_FILE");
            return false;
        }
        ledger.setRoute(paymentId, Route.CLINIC_CARD, payment.routeReason());
        try {
            PaymentIntent intent = stripe.paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(payment.amountCents()).setCurrency("usd")
                    .setCustomer(card.customerId()).setPaymentMethod(card.paymentMethodId())
                    .setOffSession(true).setConfirm(true)
                    .setDescription(settings.pharmacyName() + " order " + payment.orderNumber())
                    .putMetadata("payment_id", payment.id().toString())
                    .putMetadata("order_id", payment.orderId().toString())
                    .addExpand("latest_charge")
                    .build(), RequestOptions.builder().setIdempotencyKey(payment.idempotencyKey("card")).build());
            if (!"succeeded".equals(intent.getStatus())) {
                declined(payment, "STATUS_" + intent.getStatus().toUpperCase());
                return false;
            }
            ledger.recordCapture(paymentId, intent.getId());
            SelfPay.Card.of(intent.getLatestChargeObject()).ifPresentOrElse(
                    c -> ledger.recordCard(paymentId, c.brand(), c.last4()),
                    () -> ledger.recordCard(paymentId, card.brand(), card.last4()));
            events.publishEvent(new PaymentCaptured(payment.id(), payment.orderId(), payment.orderNumber(),
                    payment.organizationId(), payment.clinicId(), payment.patientId(),
                    payment.amountCents(), Route.CLINIC_CARD.name()));
            return true;
        } catch (CardException declined) {
            String code = declined.getDeclineCode() != null ? declined.getDeclineCode() : declined.getCode();
            declined(payment, code == null ? "card_declined" : code);
            return false;
        }
    }

    private void declined(Payment payment, String code) {
        ledger.setStatus(payment.id(), Status.DECLINED, code);
        events.publishEvent(new PaymentFailed(payment.id(), payment.orderId(), payment.orderNumber(),
                payment.organizationId(), payment.clinicId(), payment.patientId(), Route.CLINIC_CARD.name(), code));
    }

    /** Task_AddToInvoice: the order goes onto this month's invoice of its clinic (UTC month). */
    @Transactional
    public void addToInvoice(UUID paymentId) {
        dataScope.enterSystem("system:payment-process");
        Payment payment = ledger.lock(paymentId);
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        jdbc.sql("""
                insert into invoice_line (order_id, payment_id, organization_id, clinic_id, billing_month, order_number,
                                          amount_cents)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (order_id) do nothing""")
                .params(payment.orderId(), payment.id(), payment.organizationId(), payment.clinicId(), month,
                        payment.orderNumber(), payment.amountCents())
                .update();
        ledger.setRoute(paymentId, Route.CLINIC_INVOICE, payment.routeReason());
        ledger.setStatus(paymentId, Status.INVOICED, null);
        events.publishEvent(new PaymentInvoiced(payment.id(), payment.orderId(), payment.orderNumber(),
                payment.organizationId(), payment.clinicId(), payment.patientId(), month,
                payment.amountCents()));
    }
}
