package org.pestle.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.pestle.messaging.OutboundText;
import org.pestle.messaging.TextMessages;
import org.pestle.payments.PaymentCaptured;
import org.pestle.payments.internal.Payment.Status;
import org.pestle.platform.DataScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patient self-pay: a Stripe Checkout Session per attempt (idempotency key from payment and
 * attempt, so a retried call never opens a second session), a texted pay link that leads to it, and
 * what Stripe reports once it is paid. Stripe sees the order number and amount, never the patient
 * or the medication.
 */
@Service
public class SelfPay {

    /** Stripe lets a Checkout Session live at most 24 hours; a new one is opened when it lapses. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(23);

    private final StripeClient stripe;
    private final PaymentLedger ledger;
    private final PayLinks links;
    private final TextMessages texts;
    private final PaymentSettings settings;
    private final DataScope dataScope;
    private final ApplicationEventPublisher events;

    SelfPay(StripeClient stripe, PaymentLedger ledger, PayLinks links, TextMessages texts, PaymentSettings settings,
            DataScope dataScope, ApplicationEventPublisher events) {
        this.stripe = stripe;
        this.ledger = ledger;
        this.links = links;
        this.texts = texts;
        this.settings = settings;
        this.dataScope = dataScope;
        this.events = events;
    }

    /** Task_OpenCheckout: opens the first Checkout Session so the link works at once. */
    @Transactional
    public void openCheckout(UUID paymentId) throws StripeException {
        dataScope.enterSystem("system:payment-process");
        checkoutUrl(ledger.lock(paymentId));
    }

    /** The Checkout URL a pay link leads to: the open session, or a new one when it lapsed or failed. */
    @Transactional
    public Optional<String> checkoutUrlForLink(UUID paymentId) throws StripeException {
        dataScope.enterSystem("system:pay-link");
        Payment payment = ledger.lock(paymentId);
        return payment.status() == Status.OPEN ? Optional.of(checkoutUrl(payment)) : Optional.empty();
    }

    public Optional<Payment> payment(UUID paymentId) {
        return ledger.find(paymentId);
    }

    private String checkoutUrl(Payment payment) throws StripeException {
        Instant now = Instant.now();
        if (payment.checkoutSessionId() != null && payment.checkoutExpiresAt().isAfter(now.plusSeconds(60))) {
            return payment.checkoutUrl();
        }
        if (payment.checkoutSessionId() != null) {
            ledger.nextAttempt(payment.id());
            payment = ledger.lock(payment.id());
        }
        Session session = stripe.checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(payment.id().toString())
                .putMetadata("payment_id", payment.id().toString())
                .putMetadata("order_id", payment.orderId().toString())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("payment_id", payment.id().toString())
                        .putMetadata("order_id", payment.orderId().toString()).build())
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd")
                                .setUnitAmount(payment.amountCents())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(settings.pharmacyName() + " order " + payment.orderNumber())
                                        .build())
                                .build())
                        .build())
                .setExpiresAt(now.plus(SESSION_LIFETIME).getEpochSecond())
                .setSuccessUrl(settings.publicUrl("/pay/done"))
                .setCancelUrl(settings.publicUrl("/pay/done?cancelled=true"))
                .build(), RequestOptions.builder().setIdempotencyKey(payment.idempotencyKey("checkout")).build());
        Instant expires = session.getExpiresAt() == null ? now.plus(SESSION_LIFETIME)
                : Instant.ofEpochSecond(session.getExpiresAt());
        ledger.recordCheckout(payment, session.getId(), session.getUrl(), expires);
        return session.getUrl();
    }

    /** Queues the pay link text (first link, reminder, or retry after a failure); once per purpose and attempt. */
    @Transactional
    public void textPayLink(UUID paymentId, String purpose, Instant linkExpiresAt) {
        dataScope.enterSystem("system:payment-process");
        Payment payment = ledger.find(paymentId).orElseThrow();
        if (payment.status() != Status.OPEN) {
            return;
        }
        String lead = switch (purpose) {
            case "PAY_REMINDER" -> "a reminder: your order is waiting for payment.";
            case "PAY_RETRY" -> "your payment did not go through. Please try again.";
            default -> "your order is ready for payment.";
        };
        String body = settings.pharmacyName() + ": " + lead + " Pay securely: " + links.url(paymentId, linkExpiresAt);
        texts.queue(new OutboundText(payment.organizationId(), payment.clinicId(), payment.patientId(), purpose, body,
                purpose + ":" + paymentId + ":" + payment.attempt()));
    }

    /** Task_RecordSelfPayment: what Stripe reports about the card (brand, last four), and the event. */
    @Transactional
    public void recordCapture(UUID paymentId) throws StripeException {
        dataScope.enterSystem("system:payment-process");
        Payment payment = ledger.lock(paymentId);
        if (payment.paymentIntentId() != null && payment.cardLast4() == null) {
            PaymentIntent intent = stripe.paymentIntents().retrieve(payment.paymentIntentId(),
                    PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build());
            Card.of(intent.getLatestChargeObject()).ifPresent(card -> ledger.recordCard(paymentId, card.brand(),
                    card.last4()));
        }
        events.publishEvent(new PaymentCaptured(payment.id(), payment.orderId(), payment.orderNumber(),
                payment.organizationId(), payment.clinicId(), payment.patientId(),
                payment.amountCents(), payment.route().name()));
    }

    /** Task_ExpirePayment: the pay link lapsed; the open session is closed at Stripe so it cannot be paid late. */
    @Transactional
    public void expire(UUID paymentId) throws StripeException {
        dataScope.enterSystem("system:payment-process");
        Payment payment = ledger.lock(paymentId);
        if (payment.status() != Status.OPEN) {
            return;
        }
        if (payment.checkoutSessionId() != null && payment.checkoutExpiresAt().isAfter(Instant.now())) {
            Session session = stripe.checkout().sessions().retrieve(payment.checkoutSessionId());
            if ("open".equals(session.getStatus())) {
                stripe.checkout().sessions().expire(payment.checkoutSessionId(),
                        RequestOptions.builder().setIdempotencyKey(payment.idempotencyKey("expire")).build());
            }
        }
        ledger.setStatus(paymentId, Status.EXPIRED, "PAY_LINK_EXPIRED");
    }

    /** Brand and last four digits, as Stripe reports them on a charge. */
    record Card(String brand, String last4) {

        static Optional<Card> of(Charge charge) {
            if (charge == null || charge.getPaymentMethodDetails() == null
                    || charge.getPaymentMethodDetails().getCard() == null) {
                return Optional.empty();
            }
            return Optional.of(new Card(charge.getPaymentMethodDetails().getCard().getBrand(),
                    charge.getPaymentMethodDetails().getCard().getLast4()));
        }
    }
}
