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

    OrderFulfillmentMoves(OrderRepository orders) {
        this.orders = orders;
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

    private void move(UUID orderId, Consumer<PharmacyOrder> move) {
        PharmacyOrder order = orders.findById(orderId)
                .orElseThrow(() -> new IllegalStateException("Order " + orderId + " is not found in this scope"));
        move.accept(order);
        orders.save(order);
    }
}
