package org.pestle.ordering.internal;

import java.util.List;
import java.util.UUID;

import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.Permissions;
import org.pestle.ordering.CancellationReason;
import org.pestle.ordering.OrderCancelled;
import org.pestle.ordering.OrderStatus;
import org.pestle.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cancels orders on a user's request: the ordering prescriber's clinic or pharmacy staff, as the
 * permission matrix allows. A running fulfillment process is ended through its cancellation event;
 * an order whose process has ended is cancelled here where its status allows, and the payments module refunds it on
 * {@link OrderCancelled}. Cancelling a cancelled order again changes nothing.
 */
@Service
class OrderCancellations {

    private final OrderRepository orders;
    private final OrderProcess process;
    private final Permissions permissions;

    OrderCancellations(OrderRepository orders, OrderProcess process, Permissions permissions) {
        this.orders = orders;
        this.process = process;
        this.permissions = permissions;
    }

    @Transactional
    void cancel(Actor actor, UUID orderId, CancellationReason reason) {
        PharmacyOrder order = orders.findById(orderId).filter(o -> actor.canAccessClinic(o.clinicId()))
                .orElseThrow(() -> ApiProblem.notFound("Order " + orderId));
        permissions.require(actor, Action.CANCEL_ORDER);
        if (!reason.userSelectable()) {
            throw ApiProblem.invalidField("reason", "is set by the payment process, not chosen by a user");
        }
        if (order.status() == OrderStatus.CANCELLED) {
            return;
        }
        if (order.status() == OrderStatus.REJECTED) {
            throw new ApiProblem(HttpStatus.CONFLICT, "order-ended", "Conflict",
                    "The order was rejected and cannot be cancelled", List.of());
        }
        if (!order.status().canMoveTo(OrderStatus.CANCELLED)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "order-ended", "Conflict",
                    "The order was " + order.status() + " and cannot be cancelled", List.of());
        }
        if (process.cancel(order, reason)) {
            return;
        }
        order.cancel(reason);
        orders.save(order);
    }
}
