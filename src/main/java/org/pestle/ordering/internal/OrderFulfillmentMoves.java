package org.pestle.ordering.internal;

import java.util.UUID;
import java.util.function.Consumer;

import org.pestle.ordering.OrderFulfillment;
import org.pestle.ordering.OrderStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The order's moves after payment, called by the dispensing module in its own transaction. */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class OrderFulfillmentMoves implements OrderFulfillment {

    private final OrderRepository orders;
    private final ReviewTrail trail;

    OrderFulfillmentMoves(OrderRepository orders, ReviewTrail trail) {
        this.orders = orders;
        this.trail = trail;
    }

    @Override
    public void compoundingStarted(UUID orderId) {
        move(orderId, order -> {
            if (order.status() == OrderStatus.PAID) {
                order.startCompounding();
            }
        });
    }

    @Override
    public void compounded(UUID orderId) {
        move(orderId, PharmacyOrder::compounded);
    }

    @Override
    public void sentBackToCompounding(UUID orderId) {
        move(orderId, PharmacyOrder::sendBackToCompounding);
    }

    @Override
    public void readyForPickup(UUID orderId) {
        move(orderId, PharmacyOrder::readyForPickup);
    }

    @Override
    public void pickedUp(UUID orderId) {
        move(orderId, PharmacyOrder::pickedUp);
    }

    @Override
    public void shipped(UUID orderId, String shippedBy, String carrierCode, String taskId) {
        move(orderId, PharmacyOrder::shipped);
        trail.record(orderId, ReviewTrail.Action.SHIPPED, carrierCode, shippedBy, taskId);
    }

    @Override
    public void delivered(UUID orderId, String recordedBy, String taskId) {
        move(orderId, PharmacyOrder::delivered);
        trail.record(orderId, ReviewTrail.Action.DELIVERED, null, recordedBy, taskId);
    }

    @Override
    public void returnedToStock(UUID orderId, String pharmacist, String reasonCode, String taskId) {
        move(orderId, order -> order.returnedToStock(reasonCode));
        trail.record(orderId, ReviewTrail.Action.RETURNED_TO_STOCK, reasonCode, pharmacist, taskId);
    }

    private void move(UUID orderId, Consumer<PharmacyOrder> move) {
        PharmacyOrder order = orders.findById(orderId)
                .orElseThrow(() -> new IllegalStateException("Order " + orderId + " is not found in this scope"));
        move.accept(order);
        orders.save(order);
    }
}
