package org.pestle.payments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.pestle.messaging.TextMessages;
import org.pestle.ordering.OrderView;
import org.pestle.ordering.Orders;
import org.pestle.patients.Patients;
import org.pestle.payments.internal.PaymentRoutingRules.Outcome;
import org.pestle.platform.DataScope;
import org.pestle.tenancy.Clinic;
import org.pestle.tenancy.Clinics;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Task_RoutePayment: gathers the decision's inputs (clinic settings, card on file, order total,
 * patient flags), evaluates the payment-routing decision and opens the order's payment. Safe to
 * repeat: an order has one payment.
 */
@Service
public class PaymentRouting {

    private final Orders orders;
    private final Clinics clinics;
    private final Patients patients;
    private final TextMessages texts;
    private final PaymentLedger ledger;
    private final PaymentRoutingRules rules;
    private final DataScope dataScope;

    PaymentRouting(Orders orders, Clinics clinics, Patients patients, TextMessages texts, PaymentLedger ledger,
            PaymentRoutingRules rules, DataScope dataScope) {
        this.orders = orders;
        this.clinics = clinics;
        this.patients = patients;
        this.texts = texts;
        this.ledger = ledger;
        this.rules = rules;
        this.dataScope = dataScope;
    }

    @Transactional
    public Routed route(UUID orderId, String processInstanceId) {
        dataScope.enterSystem("system:payment-process");
        OrderView order = orders.findForSystem(orderId).orElseThrow(() -> new IllegalStateException(
                "Order " + orderId + " does not exist"));
        Clinic clinic = clinics.find(order.clinicId()).orElseThrow();
        long total = order.totalCents();
        Outcome outcome = rules.evaluate(new PaymentRoutingRules.Inputs(clinic.patientSelfPayEnabled(),
                clinic.clinicPayAutomation().name(), ledger.cardOnFile(clinic.id()).isPresent(), total,
                patients.smsNumber(order.patientId()).isPresent(), !texts.mayText(order.patientId())));
        Payment payment = ledger.forOrder(orderId).orElseGet(() -> {
            UUID id = UUID.randomUUID();
            ledger.insert(id, orderId, order.orderNumber(), clinic.organizationId(), clinic.id(), order.patientId(),
                    processInstanceId, outcome.route(), outcome.reason(), total);
            return ledger.find(id).orElseThrow();
        });
        Instant now = Instant.now();
        return new Routed(payment.id(), payment.route(), outcome.reason(),
                now.plus(Duration.ofHours(Math.max(outcome.reminderAfterHours(), 1))),
                now.plus(Duration.ofDays(Math.max(outcome.expireAfterDays(), 1))));
    }

    /** The routed payment; for self-pay, when to remind and when the pay link expires. */
    public record Routed(UUID paymentId, PaymentRoutingRules.Route route, String reason, Instant reminderAt,
            Instant expiresAt) {
    }
}
