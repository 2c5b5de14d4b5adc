package org.pestle.payments.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import org.pestle.ordering.OrderCancelled;
import org.pestle.ordering.OrderReturnedToStock;
import org.pestle.payments.PaymentRefunded;
import org.pestle.payments.internal.Payment.Status;
import org.pestle.platform.DataScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cancellation of an order's payment, and refunds. The cancelling transaction marks a captured
 * payment REFUND_PENDING; a scheduler sends the refund to Stripe with an idempotency key per payment
 * (a retry gets the same refund back, and a charge Stripe already refunded counts as refunded), with
 * backoff on failure.
 */
@Service
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final PaymentLedger ledger;
    private final StripeClient stripe;
    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    Refunds(PaymentLedger ledger, StripeClient stripe, JdbcClient jdbc, DataScope dataScope,
            TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.stripe = stripe;
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.transactions = transactions;
        this.events = events;
    }

    /** In the cancelling transaction: ends the order's payment; a captured one is to be refunded. */
    @EventListener
    void on(OrderCancelled cancelled) {
        ledger.forOrder(cancelled.orderId()).ifPresent(payment -> {
            switch (payment.status()) {
                case CAPTURED -> schedule(payment.id());
                case OPEN, DECLINED -> ledger.setStatus(payment.id(), Status.CANCELLED, cancelled.reason().name());
                case INVOICED -> {
                    jdbc.sql("delete from invoice_line where order_id = ?").param(payment.orderId()).update();
                    ledger.setStatus(payment.id(), Status.CANCELLED, cancelled.reason().name());
                }
                default -> {
                    // already cancelled, expired, refunded or being refunded
                }
            }
        });
    }

    /**
     * In the returning transaction: an unclaimed order returned to stock is refunded like a cancelled one (a
     * captured payment is refunded once, through the scheduler below; an invoiced one leaves the clinic's invoice).
     */
    @EventListener
    void on(OrderReturnedToStock returned) {
        ledger.forOrder(returned.orderId()).ifPresent(payment -> {
            switch (payment.status()) {
                case CAPTURED -> schedule(payment.id());
                case INVOICED -> {
                    jdbc.sql("delete from invoice_line where order_id = ?").param(payment.orderId()).update();
                    ledger.setStatus(payment.id(), Status.CANCELLED, "RETURNED_TO_STOCK");
                }
                default -> {
                    // nothing was taken, or it is already refunded or being refunded
                }
            }
        });
    }

    /** Marks a captured payment for refund (in the caller's transaction). */
    public void schedule(UUID paymentId) {
        ledger.setStatus(paymentId, Status.REFUND_PENDING, null);
    }

    @Scheduled(fixedDelayString = "${pestle.payments.refund-interval:PT5S}", initialDelayString = "PT5S")
    void sendDue() {
        List<UUID> due = transactions.execute(tx -> {
            dataScope.enterSystem("system:refunds");
            return jdbc.sql("""
                    select id from payment where status = 'REFUND_PENDING' and refund_next_at <= now()
                    order by refund_next_at limit 20""").query(UUID.class).list();
        });
        for (UUID paymentId : due) {
            try {
                transactions.executeWithoutResult(tx -> refund(paymentId));
            } catch (RuntimeException e) {
                log.warn("Refund of payment {} failed; retried later ({})", paymentId, e.getClass().getSimpleName());
            }
        }
    }

    @Transactional
    void refund(UUID paymentId) {
        dataScope.enterSystem("system:refunds");
        Payment payment = jdbc.sql("select id from payment where id = ? and status = 'REFUND_PENDING' for no key update skip locked")
                .param(paymentId).query(UUID.class).optional().map(ledger::lock).orElse(null);
        if (payment == null) {
            return;
        }
        String refundId;
        try {
            Refund refund = stripe.refunds().create(RefundCreateParams.builder()
                    .setPaymentIntent(payment.paymentIntentId())
                    .putMetadata("payment_id", payment.id().toString())
                    .putMetadata("order_id", payment.orderId().toString()).build(),
                    RequestOptions.builder().setIdempotencyKey("pestle-payment-" + payment.id() + "-refund").build());
            refundId = refund.getId();
        } catch (InvalidRequestException e) {
            if (!"charge_already_refunded".equals(e.getCode())) {
                backOff(payment, e);
                return;
            }
            refundId = null;
        } catch (StripeException e) {
            backOff(payment, e);
            return;
        }
        jdbc.sql("update payment set status = 'REFUNDED', refund_id = ?, updated_at = now() where id = ?")
                .params(refundId, payment.id()).update();
        events.publishEvent(new PaymentRefunded(payment.id(), payment.orderId(), payment.orderNumber(),
                payment.organizationId(), payment.clinicId(), payment.patientId(),
                payment.amountCents(), refundId));
    }

    private void backOff(Payment payment, StripeException e) {
        int attempts = jdbc.sql("""
                update payment set refund_attempts = refund_attempts + 1, updated_at = now() where id = ?
                returning refund_attempts""").param(payment.id()).query(Integer.class).single();
        Duration delay = Duration.ofSeconds(30L << Math.min(attempts - 1, 10));
        jdbc.sql("update payment set refund_next_at = now() + ? * interval '1 second' where id = ?")
                .params(delay.toSeconds(), payment.id()).update();
        log.warn("Stripe refused the refund of payment {} ({} {}); retry in {}", payment.id(), e.getStatusCode(),
                e.getCode(), delay);
    }
}
