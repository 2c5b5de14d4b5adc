package org.pestle.ordering.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The order-fulfillment process's end events that change the order: {@code ${orderStatus.paid(execution)}} where
 * the payment settled, {@code ${orderStatus.cancel(execution)}} where the order ends cancelled. The order
 * ({@link PharmacyOrder}) decides the move and raises its event.
 */
@Component("orderStatus")
public class OrderStatusListener {

    private final OrderRepository orders;

    OrderStatusListener(OrderRepository orders) {
        this.orders = orders;
    }

    /** The process's order is paid. */
    public void paid(DelegateExecution execution) {
        PharmacyOrder order = orders.findById(OrderProcess.orderId(execution)).orElseThrow();
        order.markPaid();
        orders.save(order);
    }

    /** Cancels the process's order with the coded reason the process carries. */
    public void cancel(DelegateExecution execution) {
        PharmacyOrder order = orders.findById(OrderProcess.orderId(execution)).orElseThrow();
        order.cancel(OrderProcess.cancellationReason(execution));
        orders.save(order);
    }
}
