package org.pestle.payments.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.DataElement;
import org.pestle.identity.Permissions;
import org.pestle.ordering.Orders;
import org.pestle.payments.OrderPayments;
import org.pestle.payments.PaymentSummary;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An order's payment for the API and the console, scoped like the order and filtered by the permission matrix. */
@Service
class PaymentViews implements OrderPayments {

    /** Who reads an order's payment: those who read the order (operators work from identifiers in Cockpit). */
    private static final List<Action> READERS = List.of(Action.ORDER, Action.APPROVE, Action.VIEW_PATIENTS,
            Action.CANCEL_ORDER, Action.REFUND);

    private final Orders orders;
    private final PaymentLedger ledger;
    private final Permissions permissions;

    PaymentViews(Orders orders, PaymentLedger ledger, Permissions permissions) {
        this.orders = orders;
        this.ledger = ledger;
        this.permissions = permissions;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PaymentSummary> find(Actor actor, UUID orderId) {
        if (READERS.stream().noneMatch(action -> permissions.canDo(actor, action))) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role does not read orders",
                    List.of());
        }
        if (orders.find(actor, orderId).isEmpty()) {
            return Optional.empty();
        }
        boolean prices = permissions.canRead(actor, DataElement.ORDER_PRICE);
        boolean details = permissions.canRead(actor, DataElement.PAYMENT_DETAILS);
        return ledger.forOrder(orderId).map(payment -> new PaymentSummary(payment.id(), orderId,
                payment.route().name(), payment.routeReason(), payment.status().name(),
                prices ? payment.amountCents() : null, prices ? "usd" : null, details ? payment.cardBrand() : null,
                details ? payment.cardLast4() : null, payment.failureCode()));
    }
}
