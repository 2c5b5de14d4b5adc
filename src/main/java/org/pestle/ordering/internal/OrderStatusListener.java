package org.pestle.ordering.internal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.pestle.ordering.OrderApproved;
import org.pestle.ordering.OrderRejected;
import org.pestle.ordering.OrderStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keeps the order's status in step with the process: the BPMN calls
 * {@code ${orderStatus.mark(execution, 'IN_REVIEW')}} as an execution listener where a step begins.
 */
@Component("orderStatus")
public class OrderStatusListener {

    private final OrderRepository orders;
    private final ApplicationEventPublisher events;

    OrderStatusListener(OrderRepository orders, ApplicationEventPublisher events) {
        this.orders = orders;
        this.events = events;
    }

    /** Moves the process's order to {@code status} (a name of {@link OrderStatus}). */
    public void mark(DelegateExecution execution, String status) {
        OrderStatus next = OrderStatus.valueOf(status);
        PharmacyOrder order = orders.findById(OrderProcess.orderId(execution)).orElseThrow();
        order.moveTo(next);
        orders.save(order);
        if (next == OrderStatus.AWAITING_PAYMENT) {
            events.publishEvent(new OrderApproved(order.id(), order.orderNumber(), order.clinicId()));
        } else if (next == OrderStatus.REJECTED) {
            events.publishEvent(new OrderRejected(order.id(), order.orderNumber(), order.clinicId(),
                    order.statusReason()));
        }
    }
}
