package org.pestle.payments.internal.stripe;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import org.pestle.payments.PaymentFailed;
import org.pestle.payments.internal.Payment;
import org.pestle.payments.internal.Payment.Status;
import org.pestle.payments.internal.PaymentLedger;
import org.pestle.payments.internal.PaymentRoutingRules.Route;
import org.pestle.payments.internal.PaymentSettings;
import org.pestle.payments.internal.Refunds;
import org.pestle.payments.internal.process.PaymentProcess;
import org.pestle.platform.DataScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stripe's webhook events: verified with stripe-java's own Stripe-Signature check (any of the
 * endpoint's secrets, timestamp tolerance from the settings), recorded once per event id, and applied
 * to the payment and its waiting process. An event for a process that is not waiting yet is kept
 * (PENDING) and applied when it waits; an event that no longer fits (an old session's failure after
 * the payment succeeded) is kept as IGNORED and changes nothing.
 */
@Service
class StripeEvents {

    private static final Logger log = LoggerFactory.getLogger(StripeEvents.class);

    private final PaymentSettings settings;
    private final JdbcClient jdbc;
    private final PaymentLedger ledger;
    private final PaymentProcess process;
    private final Refunds refunds;
    private final DataScope dataScope;
    private final ApplicationEventPublisher events;

    StripeEvents(PaymentSettings settings, JdbcClient jdbc, PaymentLedger ledger, PaymentProcess process,
            Refunds refunds, DataScope dataScope, ApplicationEventPublisher events) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.process = process;
        this.refunds = refunds;
        this.dataScope = dataScope;
        this.events = events;
    }

    /** The event, if the signature is valid with one of the secrets and recent enough. */
    Optional<Event> verify(String payload, String signatureHeader) {
        if (signatureHeader == null) {
            return Optional.empty();
        }
        for (String secret : settings.stripe().secrets()) {
            try {
                return Optional.of(Webhook.constructEvent(payload, signatureHeader, secret,
                        settings.webhookTolerance().toSeconds()));
            } catch (SignatureVerificationException wrongSecretOrTooOld) {
                // try the next secret
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Records the event once and applies it if it can be; false when the event id was seen before. */
    @Transactional
    boolean receive(Event event) {
        dataScope.enterSystem("system:stripe-webhook");
        JsonObject object = dataObject(event);
        String objectId = string(object, "id");
        Optional<Payment> payment = paymentOf(object);
        int inserted = jdbc.sql("""
                insert into stripe_event (id, type, payment_id, organization_id, clinic_id, object_id, status, created_at)
                values (?, ?, ?, ?, ?, ?, 'PENDING', ?) on conflict (id) do nothing""")
                .params(event.getId(), event.getType(), payment.map(Payment::id).orElse(null),
                        payment.map(Payment::organizationId).orElse(null), payment.map(Payment::clinicId).orElse(null),
                        objectId, java.sql.Timestamp.from(Instant.ofEpochSecond(event.getCreated())))
                .update();
        if (inserted == 0) {
            return false;
        }
        apply(event.getId(), event.getType(), object);
        return true;
    }

    /** Applies events kept for a process that was not waiting yet, oldest first. */
    @Transactional
    int applyPending() {
        dataScope.enterSystem("system:stripe-webhook");
        List<String> ids = jdbc.sql("""
                select id from stripe_event where status = 'PENDING' and payment_id is not null
                order by created_at, received_at limit 50 for update skip locked""").query(String.class).list();
        int applied = 0;
        for (String id : ids) {
            String type = jdbc.sql("select type from stripe_event where id = ?").param(id).query(String.class).single();
            String objectJson = jdbc.sql("select object_json from stripe_event_object where event_id = ?").param(id)
                    .query(String.class).optional().orElse(null);
            if (objectJson != null && apply(id, type, JsonParser.parseString(objectJson).getAsJsonObject())) {
                applied++;
            }
        }
        return applied;
    }

    private boolean apply(String eventId, String type, JsonObject object) {
        Optional<Payment> found = paymentOf(object);
        if (found.isEmpty()) {
            // Payments exist before Stripe hears of them: an event naming none is not Pestle's.
            return done(eventId, "IGNORED", "UNKNOWN_PAYMENT");
        }
        Optional<Payment> free = ledger.lockIfFree(found.get().id());
        if (free.isEmpty()) {
            // The payment's process is at work (e.g. still creating the Checkout Session): kept, and
            // applied once the process waits, instead of holding Stripe's request.
            return keep(eventId, object);
        }
        Payment payment = free.get();
        String sessionId = type.startsWith("checkout.session.") ? string(object, "id") : null;
        boolean currentSession = sessionId == null || sessionId.equals(payment.checkoutSessionId());
        switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
                if (type.equals("checkout.session.completed") && !"paid".equals(string(object, "payment_status"))) {
                    return done(eventId, "IGNORED", "AWAITING_ASYNC_PAYMENT");
                }
                String intentId = string(object, "payment_intent");
                if (payment.status() == Status.CANCELLED || payment.status() == Status.EXPIRED) {
                    ledger.recordCapture(payment.id(), intentId);
                    refunds.schedule(payment.id());
                    log.warn("Payment {} succeeded after its order ended; a refund is scheduled", payment.id());
                    return done(eventId, "APPLIED", "LATE_SUCCESS_REFUNDED");
                }
                if (payment.status() != Status.OPEN) {
                    return done(eventId, "IGNORED", "PAYMENT_" + payment.status());
                }
                if (payment.route() != Route.SELF_PAY) {
                    return done(eventId, "IGNORED", "NOT_SELF_PAY");
                }
                if (!process.deliver(payment, PaymentProcess.MSG_SUCCEEDED)) {
                    return keep(eventId, object);
                }
                ledger.recordCapture(payment.id(), intentId);
                return done(eventId, "APPLIED", "CAPTURED");
            }
            case "checkout.session.async_payment_failed" -> {
                if (payment.status() != Status.OPEN || !currentSession || payment.route() != Route.SELF_PAY) {
                    return done(eventId, "IGNORED", payment.status() != Status.OPEN ? "PAYMENT_" + payment.status()
                            : !currentSession ? "NOT_CURRENT_SESSION" : "NOT_SELF_PAY");
                }
                if (!process.deliver(payment, PaymentProcess.MSG_FAILED)) {
                    return keep(eventId, object);
                }
                ledger.nextAttempt(payment.id());
                jdbc.sql("update payment set failure_code = 'ASYNC_PAYMENT_FAILED' where id = ?").param(payment.id())
                        .update();
                events.publishEvent(new PaymentFailed(payment.id(), payment.orderId(), payment.orderNumber(),
                        payment.organizationId(), payment.clinicId(), payment.patientId(), Route.SELF_PAY.name(),
                        "ASYNC_PAYMENT_FAILED"));
                return done(eventId, "APPLIED", "FAILED");
            }
            case "checkout.session.expired" -> {
                if (payment.status() == Status.OPEN && currentSession) {
                    ledger.nextAttempt(payment.id());
                    return done(eventId, "APPLIED", "SESSION_EXPIRED");
                }
                return done(eventId, "IGNORED", "NOT_CURRENT_SESSION");
            }
            default -> {
                return done(eventId, "IGNORED", "UNHANDLED_TYPE");
            }
        }
    }

    private boolean keep(String eventId, JsonObject object) {
        jdbc.sql("""
                insert into stripe_event_object (event_id, object_json) values (?, ?)
                on conflict (event_id) do nothing""").params(eventId, object.toString()).update();
        return false;
    }

    private boolean done(String eventId, String status, String outcome) {
        jdbc.sql("update stripe_event set status = ?, outcome = ?, applied_at = now() where id = ?")
                .params(status, outcome, eventId).update();
        jdbc.sql("delete from stripe_event_object where event_id = ?").param(eventId).update();
        return status.equals("APPLIED");
    }

    private Optional<Payment> paymentOf(JsonObject object) {
        JsonElement metadata = object.get("metadata");
        if (metadata != null && metadata.isJsonObject()) {
            String paymentId = string(metadata.getAsJsonObject(), "payment_id");
            if (paymentId != null) {
                try {
                    return ledger.find(UUID.fromString(paymentId));
                } catch (IllegalArgumentException notOurs) {
                    return Optional.empty();
                }
            }
        }
        String id = string(object, "id");
        if (id == null) {
            return Optional.empty();
        }
        return ledger.paymentOfSession(id).or(() -> ledger.paymentOfIntent(id)).flatMap(ledger::find);
    }

    /**
     * What Pestle keeps of the event's object: Stripe's ids, the payment status and our metadata. A
     * Checkout Session also carries the customer's details (name, e-mail, address): never kept.
     */
    private static JsonObject dataObject(Event event) {
        String raw = event.getDataObjectDeserializer().getRawJson();
        JsonObject full = raw == null ? new JsonObject() : JsonParser.parseString(raw).getAsJsonObject();
        JsonObject kept = new JsonObject();
        for (String member : List.of("id", "object", "payment_intent", "payment_status", "status")) {
            if (full.has(member) && full.get(member).isJsonPrimitive()) {
                kept.add(member, full.get(member));
            }
        }
        if (full.has("metadata") && full.get("metadata").isJsonObject()) {
            JsonObject metadata = new JsonObject();
            for (String member : List.of("payment_id", "order_id")) {
                JsonElement value = full.getAsJsonObject("metadata").get(member);
                if (value != null && value.isJsonPrimitive()) {
                    metadata.add(member, value);
                }
            }
            kept.add("metadata", metadata);
        }
        return kept;
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object.get(member);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }
}
