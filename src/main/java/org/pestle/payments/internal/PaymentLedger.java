package org.pestle.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.pestle.payments.internal.Payment.Status;
import org.pestle.payments.internal.PaymentRoutingRules.Route;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The payment tables. Callers hold the transaction (services are {@code @Transactional}). */
@Repository
public class PaymentLedger {

    private static final String PAYMENT = """
            select id, order_id, order_number, organization_id, clinic_id, patient_id, process_instance_id, route,
                   route_reason, amount_cents, status, attempt, checkout_session_id, checkout_url, checkout_expires_at,
                   payment_intent_id, card_brand, card_last4, failure_code, refund_id
            from payment""";

    private final JdbcClient jdbc;

    PaymentLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Payment> find(UUID paymentId) {
        return jdbc.sql(PAYMENT + " where id = ?").param(paymentId).query(PaymentLedger::payment).optional();
    }

    /** The payment, locked for this transaction. */
    Payment lock(UUID paymentId) {
        return jdbc.sql(PAYMENT + " where id = ? for no key update").param(paymentId).query(PaymentLedger::payment)
                .optional().orElseThrow(() -> new IllegalStateException("Payment " + paymentId + " does not exist"));
    }

    /** The payment, locked for this transaction; empty while another transaction holds it. */
    public Optional<Payment> lockIfFree(UUID paymentId) {
        return jdbc.sql(PAYMENT + " where id = ? for no key update skip locked").param(paymentId)
                .query(PaymentLedger::payment).optional();
    }

    Optional<Payment> forOrder(UUID orderId) {
        return jdbc.sql(PAYMENT + " where order_id = ?").param(orderId).query(PaymentLedger::payment).optional();
    }

    public Optional<UUID> paymentOfSession(String sessionId) {
        return jdbc.sql("select payment_id from payment_checkout where session_id = ?").param(sessionId)
                .query(UUID.class).optional();
    }

    public Optional<UUID> paymentOfIntent(String paymentIntentId) {
        return jdbc.sql("select id from payment where payment_intent_id = ?").param(paymentIntentId)
                .query(UUID.class).optional();
    }

    void insert(UUID id, UUID orderId, long orderNumber, UUID organizationId, UUID clinicId, UUID patientId,
            String processInstanceId, Route route, String reason, long amountCents) {
        jdbc.sql("""
                insert into payment (id, order_id, order_number, organization_id, clinic_id, patient_id,
                                     process_instance_id, route, route_reason, amount_cents, status, attempt)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', 1)""")
                .params(id, orderId, orderNumber, organizationId, clinicId, patientId, processInstanceId, route.name(),
                        reason, amountCents)
                .update();
    }

    void recordCheckout(Payment payment, String sessionId, String url, Instant expiresAt) {
        jdbc.sql("""
                update payment set checkout_session_id = ?, checkout_url = ?, checkout_expires_at = ?, updated_at = now()
                where id = ?""").params(sessionId, url, Timestamp.from(expiresAt), payment.id()).update();
        jdbc.sql("""
                insert into payment_checkout (session_id, payment_id, organization_id, clinic_id, attempt)
                values (?, ?, ?, ?, ?) on conflict (session_id) do nothing""")
                .params(sessionId, payment.id(), payment.organizationId(), payment.clinicId(), payment.attempt())
                .update();
    }

    /** The next attempt: a new Stripe object (and idempotency key) is needed. */
    public void nextAttempt(UUID paymentId) {
        jdbc.sql("""
                update payment set attempt = attempt + 1, checkout_session_id = null, checkout_url = null,
                       checkout_expires_at = null, updated_at = now() where id = ?""").param(paymentId).update();
    }

    void setRoute(UUID paymentId, Route route, String reason) {
        jdbc.sql("update payment set route = ?, route_reason = ?, updated_at = now() where id = ?")
                .params(route.name(), reason, paymentId).update();
    }

    void setStatus(UUID paymentId, Status status, String failureCode) {
        jdbc.sql("""
                update payment set status = ?, failure_code = ?, updated_at = now(),
                       settled_at = case when ? in ('CAPTURED', 'INVOICED') then now() else settled_at end,
                       refund_next_at = case when ? = 'REFUND_PENDING' then now() else refund_next_at end
                where id = ?""")
                .params(status.name(), failureCode, status.name(), status.name(), paymentId).update();
    }

    public void recordCapture(UUID paymentId, String paymentIntentId) {
        jdbc.sql("""
                update payment set status = 'CAPTURED', payment_intent_id = ?, failure_code = null, settled_at = now(),
                       updated_at = now() where id = ?""").params(paymentIntentId, paymentId).update();
    }

    void recordCard(UUID paymentId, String brand, String last4) {
        jdbc.sql("update payment set card_brand = ?, card_last4 = ?, updated_at = now() where id = ?")
                .params(brand, last4, paymentId).update();
    }

    Optional<CardOnFile> cardOnFile(UUID clinicId) {
        return jdbc.sql("""
                select stripe_customer_id, stripe_payment_method_id, card_brand, card_last4
                from clinic_payment_method where clinic_id = ?""").param(clinicId)
                .query((rs, row) -> new CardOnFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    private static Payment payment(ResultSet rs, int row) throws SQLException {
        Timestamp expires = rs.getTimestamp("checkout_expires_at");
        return new Payment(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getLong("order_number"), rs.getObject("organization_id", UUID.class),
                rs.getObject("clinic_id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getString("process_instance_id"), Route.valueOf(rs.getString("route")),
                rs.getString("route_reason"), rs.getLong("amount_cents"), Status.valueOf(rs.getString("status")),
                rs.getInt("attempt"), rs.getString("checkout_session_id"), rs.getString("checkout_url"),
                expires == null ? null : expires.toInstant(), rs.getString("payment_intent_id"),
                rs.getString("card_brand"), rs.getString("card_last4"), rs.getString("failure_code"),
                rs.getString("refund_id"));
    }

    /** A clinic's saved card: Stripe's customer and payment method ids, brand and last four digits. */
    record CardOnFile(String customerId, String paymentMethodId, String brand, String last4) {
    }
}
